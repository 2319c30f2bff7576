// Small readings around a round: what a failure means for the footer, and how many own changes the hub lacks.
import type Database from 'better-sqlite3';
import { AppError } from '../../../contract';
import { prepared } from '../../sql';
import { UNREACHABLE_REASONS } from '../net/links';
import type { RoundFailure } from './scheduler';


export function classifyRoundError(error: unknown): RoundFailure {
  if (error instanceof AppError) {
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : 'refused';
    return { state: UNREACHABLE_REASONS.has(reason) ? 'unreachable' : 'refused', reason };
  }
  // A socket error, a TLS handshake that failed: nobody (we trust) answered.
  return { state: 'unreachable', reason: 'unreachable' };
}

const ACKED_KEY = 'syncHubAcked';

/** The highest own seq the hub held after the last in-step round (a per-laptop settings row, never replicated). */
export function readAckedSeq(sqlite: Database.Database, hubDeviceId: string): number | null {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(ACKED_KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const value = JSON.parse(row.value) as { hub?: unknown; seq?: unknown };
    return value.hub === hubDeviceId && typeof value.seq === 'number' ? value.seq : null;
  } catch {
    return null;
  }
}

export function writeAckedSeq(sqlite: Database.Database, hubDeviceId: string, seq: number, at: string): void {
  prepared(
    sqlite,
    `INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(ACKED_KEY, JSON.stringify({ hub: hubDeviceId, seq }), at, at);
}

/** This device's own ops after `ackedSeq` (all of them when the hub never acknowledged any). */
export function pendingOwnOps(sqlite: Database.Database, ackedSeq: number | null): number {
  const local = prepared(sqlite, 'SELECT next_seq FROM sync_local WHERE id = 1').get() as { next_seq: number } | undefined;
  if (!local) return 0;
  return Math.max(0, local.next_seq - 1 - (ackedSeq ?? 0));
}
