// One running long job per user; the user's others wait in order (not refused) and start as the running one ends.
// Shared by the report batch export and the team bundle jobs, so one person cannot load the app with many at once.

interface Entry {
  start: () => void;
  announce: () => void;
}

export class PerOwnerQueue<J extends object> {
  private readonly running = new Map<string, J>();
  private readonly waiting = new Map<string, J[]>();
  private readonly entries = new WeakMap<J, Entry>();

  /** `ownerOf` null (the CLI, no session) is an owner like any other. */
  constructor(private readonly ownerOf: (job: J) => string | null) {}

  private key(job: J): string {
    return this.ownerOf(job) ?? '';
  }

  /** Starts the job now if its owner has none running, else queues it; `announce` tells its watchers it changed. */
  submit(job: J, start: () => void, announce: () => void): void {
    this.entries.set(job, { start, announce });
    const key = this.key(job);
    if (this.running.has(key)) {
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), job]);
      return;
    }
    this.running.set(key, job);
    start();
  }

  /** The owner's running job ended (done, failed or cancelled): the next in line starts; the rest move up. */
  finished(job: J): void {
    const key = this.key(job);
    if (this.running.get(key) !== job) return;
    this.running.delete(key);
    const [next, ...rest] = this.waiting.get(key) ?? [];
    this.setWaiting(key, rest);
    if (next) {
      this.running.set(key, next);
      this.entries.get(next)?.start();
      this.entries.get(next)?.announce();
    }
    for (const behind of rest) this.entries.get(behind)?.announce();
  }

  /** Takes a waiting job out of its queue (a cancel); false when it was not waiting. */
  withdraw(job: J): boolean {
    const key = this.key(job);
    const queue = this.waiting.get(key) ?? [];
    const index = queue.indexOf(job);
    if (index < 0) return false;
    const rest = queue.filter((other) => other !== job);
    this.setWaiting(key, rest);
    for (const behind of rest.slice(index)) this.entries.get(behind)?.announce();
    return true;
  }

  /** 1 for the next to start; null when the job is not waiting. */
  position(job: J): number | null {
    const index = (this.waiting.get(this.key(job)) ?? []).indexOf(job);
    return index < 0 ? null : index + 1;
  }

  private setWaiting(key: string, jobs: J[]): void {
    if (jobs.length > 0) this.waiting.set(key, jobs);
    else this.waiting.delete(key);
  }
}
