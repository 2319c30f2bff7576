// The apply step every transport shares (bundle import, network push and pull): one page of remote ops merged
// inside the caller's transaction, its tally and touched rows kept; then what the sender had, noted once per exchange.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import { applyRemoteOps, type ApplyOutcome, type SetAsideReason } from './apply';
import type { TouchedCollector } from './bundle-events';
import { notePeerVector, type Vector } from './bundle-peers';
import type { OpRecord } from './capture';

export interface ApplyTally {
  applied: number;
  duplicates: number;
  gaps: number;
  setAside: { deviceId: string; seq: number; reason: SetAsideReason }[];
}

export const emptyTally = (): ApplyTally => ({ applied: 0, duplicates: 0, gaps: 0, setAside: [] });

/** Applies one page (call inside a transaction); adds its counts to `tally` and its rows to `collector`. */
export function applyOpsPage(conn: Database.Database, ops: readonly OpRecord[], nowMs: number, tally: ApplyTally, collector: TouchedCollector): ApplyOutcome {
  const outcome = applyRemoteOps(conn, ops, nowMs);
  tally.applied += outcome.applied;
  tally.duplicates += outcome.duplicates;
  tally.gaps += outcome.gaps;
  tally.setAside.push(...outcome.setAside);
  collector.add(outcome.touched);
  return outcome;
}

/** What the sender holds (so later exchanges send it only what it lacks) and when this copy last heard from a member. */
export function noteExchange(conn: Database.Database, fromDevice: string, senderVector: Vector, at: string): void {
  notePeerVector(conn, fromDevice, senderVector, at);
  prepared(conn, 'UPDATE sync_local SET last_import_at = ? WHERE id = 1').run(at);
}
