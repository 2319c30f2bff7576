// The central hub's attachment originals: bytea rows of hub_files keyed by sha256 (db/pg/migrations/0005_hub_files.sql).
// The route has checked hash and size; here an upload is kept only when an attachment row names it.
import type pg from 'pg';
import type { HubStore } from '../net/hubStore';
import { WireError } from '../net/httpBody';
import { onPgConnection } from './pgHubDb';
import { pgLookup, pgRun, rowsByKeysSql } from './pgSql';

export function pgHubFiles(pool: pg.Pool, now: () => Date): Required<Pick<HubStore, 'missingFiles' | 'putFile' | 'getFile'>> {
  return {
    async missingFiles(hashes) {
      if (hashes.length === 0) return [];
      const rows = await onPgConnection(pool, (client) => pgLookup<{ sha256: string }>(client, rowsByKeysSql('hub_files', ['sha256'], ['sha256']), [[...hashes]]));
      const held = new Set(rows.map((row) => row.sha256));
      return hashes.filter((sha) => !held.has(sha));
    },

    async putFile(sha256, bytes) {
      // One statement: the row check and the insert see the same snapshot; a second upload of the same bytes is a no-op.
      const result = await onPgConnection(pool, (client) =>
        pgRun<{ named: boolean; stored: boolean }>(
          client,
          `WITH found AS (SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = $1::text) AS named),
                kept AS (INSERT INTO hub_files (sha256, bytes, size_bytes, created_at)
                         SELECT $1::text, $2::bytea, $3::integer, $4::text FROM found WHERE found.named ON CONFLICT (sha256) DO NOTHING RETURNING 1)
           SELECT (SELECT named FROM found) AS named, EXISTS (SELECT 1 FROM kept) AS stored`,
          [sha256, bytes, bytes.length, now().toISOString()],
        ),
      );
      const row = result[0];
      if (!row?.named) throw new WireError(409, 'no_attachment', 'no attachment on the hub names these bytes: push its row first');
      // Nobody watches the hub's rows (as for pushed ops): no events.
      return { stored: row.stored, events: [] };
    },

    async getFile(sha256) {
      const rows = await onPgConnection(pool, (client) => pgRun<{ bytes: Buffer }>(client, 'SELECT bytes FROM hub_files WHERE sha256 = $1', [sha256]));
      return rows[0]?.bytes ?? null;
    },
  };
}
