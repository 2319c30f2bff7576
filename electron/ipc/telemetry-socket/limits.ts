// Flood bounds for the telemetry socket: a per-connection token bucket and an in-order ack queue.
import { performance } from 'node:perf_hooks';

/** Refills `ratePerSecond` tokens a second up to `burst`; each message takes one. Real time, not the domain clock. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Acks leave in message order even though accepted ones wait for the batched write and refusals do not. */
export class AckQueue {
  private readonly slots: { ack: string | null }[] = [];

  constructor(private readonly send: (ack: string) => void) {}

  reserve(): (ack: object) => void {
    const slot: { ack: string | null } = { ack: null };
    this.slots.push(slot);
    return (ack) => {
      slot.ack = JSON.stringify(ack);
      this.drain();
    };
  }

  private drain(): void {
    while (this.slots.length > 0 && this.slots[0]?.ack !== null) {
      const slot = this.slots.shift();
      if (slot?.ack) this.send(slot.ack);
    }
  }
}
