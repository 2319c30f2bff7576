// One hash of the replicated state: equal on copies that have converged. Local columns (versions, lockouts) stay out.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { REPLICATED_ENTITIES } from './entities';

const q = (name: string) => `"${name}"`;

export function replicatedRows(sqlite: Database.Database, table: string): IterableIterator<unknown[]> {
  const entity = REPLICATED_ENTITIES.find((candidate) => candidate.table === table);
  if (!entity) throw new Error(`${table} does not replicate`);
  const filter = entity.onlyRows ? ` WHERE ${q(entity.key)} IN (${entity.onlyRows.map((key) => `'${key}'`).join(', ')})` : '';
  return sqlite
    .prepare(`SELECT ${[entity.key, ...entity.columns].map(q).join(', ')} FROM ${q(entity.table)}${filter} ORDER BY ${q(entity.key)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
}

export function syncDigest(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  for (const entity of REPLICATED_ENTITIES) {
    hash.update(`\u0001${entity.table}\n`);
    for (const row of replicatedRows(sqlite, entity.table)) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
