// Bounded cost under attack: failed handshakes and pairing attempts counted per address; an address past the limit
// is refused at once (before any key is looked up) for a cooldown. Linked devices keep working from a busy address.
export const FAILURE_LIMIT = 30;
export const FAILURE_WINDOW_MS = 60_000;
export const COOLDOWN_MS = 60_000;
const MAX_TRACKED = 10_000;

interface Tally {
  count: number;
  windowStart: number;
  blockedUntil: number;
}

export class AddressGuard {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly now: () => number = Date.now) {}

  isBlocked(address: string | undefined): boolean {
    const tally = this.tallies.get(address ?? '');
    return tally !== undefined && tally.blockedUntil > this.now();
  }

  noteFailure(address: string | undefined): void {
    const key = address ?? '';
    const now = this.now();
    let tally = this.tallies.get(key);
    if (!tally || now - tally.windowStart > FAILURE_WINDOW_MS) {
      // The map never grows without bound: the oldest address is forgotten first.
      if (!tally && this.tallies.size >= MAX_TRACKED) this.tallies.delete(this.tallies.keys().next().value as string);
      tally = { count: 0, windowStart: now, blockedUntil: tally?.blockedUntil ?? 0 };
      this.tallies.set(key, tally);
    }
    tally.count++;
    if (tally.count >= FAILURE_LIMIT) tally.blockedUntil = now + COOLDOWN_MS;
  }
}
