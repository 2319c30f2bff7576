// Opaque keyset cursors: the sort name plus the last row's sort key, as base64url JSON.
import { AppError } from '../../contract';

type KeyValue = string | number | null;

const invalidCursor = () =>
  new AppError('VALIDATION', 'the page cursor is not valid; start from the first page', { reason: 'invalid_cursor', field: 'cursor' });

export function encodeCursor(sort: string, key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([sort, ...key]), 'utf8').toString('base64url');
}

/** The key stored in a cursor; a cursor from another sort or a tampered one is a VALIDATION error. */
export function decodeCursor(cursor: string, sort: string, keyLength: number): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== keyLength + 1 || parsed[0] !== sort) throw invalidCursor();
  const key = parsed.slice(1);
  if (!key.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) throw invalidCursor();
  return key as KeyValue[];
}

/** Keyset condition `(k1, k2) < (@c0, @c1)` (or `>` ascending) and its named params. */
export function keysetClause(columns: readonly string[], values: readonly KeyValue[], direction: 'asc' | 'desc') {
  const names = values.map((_, i) => `cursor${i}`);
  const params = Object.fromEntries(values.map((v, i) => [names[i], v]));
  const op = direction === 'desc' ? '<' : '>';
  return { sql: `(${columns.join(', ')}) ${op} (${names.map((n) => `@${n}`).join(', ')})`, params };
}

/** Normalises an ISO date with any offset to the UTC form stored in the database (sortable as text). */
export function toUtcIso(value: string): string {
  return new Date(value).toISOString();
}
