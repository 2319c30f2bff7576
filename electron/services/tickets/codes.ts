// Human codes (TK-2026-000042, OT-2026-000042): per-prefix, per-year counters bumped in the caller's transaction.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';

export function formatCode(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

export function sequenceScope(kind: 'ticket' | 'workOrder', prefix: string, year: number): string {
  return `${kind}:${prefix}:${year}`;
}

/** Takes the next number of a scope; must run inside the transaction that inserts the coded row. */
export function nextCode(sqlite: Database.Database, kind: 'ticket' | 'workOrder', prefix: string, at: string): string {
  const year = new Date(at).getUTCFullYear();
  const row = prepared(sqlite,
      `INSERT INTO code_sequences (scope, last_value, created_at, updated_at) VALUES (?, 1, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET last_value = last_value + 1, updated_at = excluded.updated_at
       RETURNING last_value AS value`,
    )
    .get(sequenceScope(kind, prefix, year), at, at) as { value: number };
  return formatCode(prefix, year, row.value);
}
