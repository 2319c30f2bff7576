// Hybrid logical clock: wall time in ms, a counter, and the device, as one string that sorts in time order.
// `2026-12-01T14:00:00.000Z-000000-0123456789abcdef`; every op a device makes gets a larger stamp than anything it has seen.

/** A remote stamp further ahead than this is set aside, never allowed to drag this copy's clock. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;

export interface Hlc {
  wallMs: number;
  counter: number;
  deviceId: string;
}

export function formatHlc(hlc: Hlc): string {
  return `${new Date(hlc.wallMs).toISOString()}-${hlc.counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${hlc.deviceId}`;
}

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{6})-([0-9a-f]{16})$/;

export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  const wallMs = Date.parse(match[1] as string);
  if (!Number.isFinite(wallMs)) return null;
  return { wallMs, counter: parseInt(match[2] as string, 16), deviceId: match[3] as string };
}

export function isDeviceId(text: string): boolean {
  return /^[0-9a-f]{16}$/.test(text);
}

function advance(wallMs: number, counter: number, deviceId: string): Hlc {
  // A counter that overflows borrows a millisecond: stamps stay unique and ordered.
  return counter > MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0, deviceId } : { wallMs, counter, deviceId };
}

/** The stamp for the next local op: never below the last one, even when the wall clock steps back. */
export function tick(last: string, nowMs: number, deviceId: string): Hlc {
  return tickFrom(parseHlc(last), nowMs, deviceId);
}

/** tick from a stamp already parsed (a write making several ops parses the last stamp once, not once per op). */
export function tickFrom(previous: Hlc | null, nowMs: number, deviceId: string): Hlc {
  if (!previous || nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0, deviceId };
  return advance(previous.wallMs, previous.counter + 1, deviceId);
}

/** True when a remote stamp is too far ahead of this copy's wall clock to be trusted. */
export function isTooFarAhead(remote: string, nowMs: number): boolean {
  const parsed = parseHlc(remote);
  return parsed === null || parsed.wallMs - nowMs > MAX_FUTURE_MS;
}

/** Folds a trusted remote stamp into the local clock, so later local ops sort after what was received. */
export function observe(last: string, remote: string, deviceId: string): string {
  return remote > last ? formatHlc({ ...(parseHlc(remote) as Hlc), deviceId }) : last;
}
