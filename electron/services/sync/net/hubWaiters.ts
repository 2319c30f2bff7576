// Long polls: a member in step asks the hub to answer as soon as it holds something the member lacks (or after a
// timeout), so a change on one laptop reaches another within a second or two without rounds every second.
// The hub checks its vector once per wake-up, for every waiting member at once.
import type { Vector } from './protocol';

export const MAX_WAIT_MS = 25_000;
// Writes by another process (the command line) send no event here: a slow look now and then catches them.
const FALLBACK_CHECK_MS = 1_000;

interface Waiter {
  vector: Vector;
  done: (changed: boolean, hubVector: Vector) => void;
}

const isBehind = (member: Vector, hub: Vector): boolean => Object.entries(hub).some(([device, seq]) => seq > (member[device] ?? 0));

export class HubWaiters {
  private readonly waiters = new Set<Waiter>();
  private scheduled = false;
  private fallback: NodeJS.Timeout | null = null;
  private checking = false;
  private checkAgain = false;
  private last: Vector = {};

  /** `readVector`: the hub's vector now, from its store. */
  constructor(private readonly readVector: () => Promise<Vector>) {}

  /** Resolves true as soon as the hub holds ops `vector` lacks; false after `timeoutMs` or when `closed` fires. */
  async wait(vector: Vector, timeoutMs: number, closed: (stop: () => void) => void): Promise<{ changed: boolean; hubVector: Vector }> {
    const now = await this.readVector();
    this.last = now;
    if (isBehind(vector, now)) return { changed: true, hubVector: now };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.readVector().then(
          (hubVector) => waiter.done(false, hubVector),
          () => waiter.done(false, this.last),
        );
      }, Math.min(Math.max(timeoutMs, 0), MAX_WAIT_MS));
      const waiter: Waiter = {
        vector,
        done: (changed, hubVector) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(timer);
          this.updateFallback();
          resolve({ changed, hubVector });
        },
      };
      this.waiters.add(waiter);
      this.updateFallback();
      closed(() => waiter.done(false, {}));
    });
  }

  /** Something may have changed (a local commit, an applied page): look once, soon, for everyone. */
  poke(): void {
    if (this.scheduled || this.waiters.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.check();
    });
  }

  /** Answers every waiter (false): the hub is closing. */
  release(): void {
    for (const waiter of [...this.waiters]) waiter.done(false, {});
  }

  /** One look at a time; a poke during a look asks for one more after it. A failed look waits for the next poke. */
  private check(): void {
    if (this.waiters.size === 0) return;
    if (this.checking) return void (this.checkAgain = true);
    this.checking = true;
    this.readVector()
      .then((hubVector) => {
        this.last = hubVector;
        for (const waiter of [...this.waiters]) if (isBehind(waiter.vector, hubVector)) waiter.done(true, hubVector);
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
        if (this.checkAgain) {
          this.checkAgain = false;
          this.check();
        }
      });
  }

  private updateFallback(): void {
    if (this.waiters.size > 0 && !this.fallback) {
      this.fallback = setInterval(() => this.check(), FALLBACK_CHECK_MS);
      this.fallback.unref();
    } else if (this.waiters.size === 0 && this.fallback) {
      clearInterval(this.fallback);
      this.fallback = null;
    }
  }
}
