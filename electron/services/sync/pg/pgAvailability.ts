// The central hub's log says when its database went away and when it came back: run as a service, the hub itself
// stays up through a PostgreSQL outage (members are told hub_unavailable and retry), so its log is where an admin
// notices one. Each transition is one line; the requests refused in between are counted, not logged one by one.
import type pg from 'pg';
import { formatDuration } from '../../../contract/duration';

interface Watch {
  log: (line: string) => void;
  now: () => Date;
  downSince: Date | null;
  refused: number;
}

const watches = new WeakMap<pg.Pool, Watch>();

export function logAvailability(pool: pg.Pool, log: (line: string) => void, now: () => Date = () => new Date()): void {
  watches.set(pool, { log, now, downSince: null, refused: 0 });
}

const clock = (at: Date) => at.toISOString().slice(11, 19);

/** A request found the database gone: the first one since it was last reachable says so. */
export function noteUnavailable(pool: pg.Pool, error: unknown): void {
  const watch = watches.get(pool);
  if (!watch) return;
  watch.refused++;
  if (watch.downSince) return;
  watch.downSince = watch.now();
  const cause = error instanceof Error ? error.message : String(error);
  watch.log(`hub: PostgreSQL cannot be reached (noticed at ${clock(watch.downSince)} UTC by a laptop's request: ${cause}); laptops are told the hub is unavailable and sync again later, nothing acknowledged is lost`);
}

/** A request reached the database: if it had been gone, say for how long. */
export function noteAvailable(pool: pg.Pool): void {
  const watch = watches.get(pool);
  if (!watch?.downSince) return;
  const away = watch.now().getTime() - watch.downSince.getTime();
  watch.log(`hub: PostgreSQL reachable again (noticed ${formatDuration(Math.max(1, Math.round(away / 1000)), 'en')} after it was found gone; ${watch.refused} request${watch.refused === 1 ? '' : 's'} answered "unavailable" meanwhile)`);
  watch.downSince = null;
  watch.refused = 0;
}
