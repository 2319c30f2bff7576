// The hub's sync work (a push page applied, a pull page read, a member's vector noted) runs one job per turn of the
// event loop. Thirty members arriving together would otherwise run thirty transactions back to back while the
// hub's own window waits behind them; between two jobs here, the loop answers whatever else came in.
export class HubLane {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after the jobs before it, each in its own turn (setImmediate: after pending I/O is handled). */
  run<T>(job: () => T): Promise<T> {
    const next = this.tail.then(() => new Promise<T>((resolve, reject) => setImmediate(() => {
      try {
        resolve(job());
      } catch (error) {
        reject(error as Error);
      }
    })));
    // A failed job fails its own request only; the lane goes on.
    this.tail = next.catch(() => undefined);
    return next;
  }
}
