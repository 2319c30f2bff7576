// `npm run cli -- reindex`: a real process rebuilds a damaged search index from the schema module, progress on stderr.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/open';
import { databasePath } from '../../electron/ipc/backend';
import { generateDemoData } from '../../scripts/demo/generate';
import { removeTempDirs, tempDir } from '../db/helpers';
import { bundledScript } from '../support/bundled';

// Real processes; on a loaded 2-core machine a start can take several seconds.
vi.setConfig({ testTimeout: 120_000 });
afterAll(removeTempDirs);

const root = fileURLToPath(new URL('../..', import.meta.url));
// scripts/cli.ts bundled once for the file (support/bundled.ts): each run is `node <bundle>`, not a tsx start.
const cliScript = await bundledScript('scripts/cli.ts');

it('rebuilds the index: exit 0, progress on stderr, every ticket found again', async () => {
  const dir = tempDir();
  const db = openDatabase(databasePath(dir));
  await generateDemoData(db.sqlite, { tickets: 30, technicians: 2, seed: 5 });
  const sample = db.sqlite.prepare('SELECT id, code FROM tickets ORDER BY created_at LIMIT 1').get() as { id: string; code: string };
  const found = () =>
    db.sqlite
      .prepare('SELECT DISTINCT d.ticket_id AS id FROM ticket_search s JOIN ticket_search_docs d ON d.doc_id = s.rowid / 16777216 WHERE ticket_search MATCH ?')
      .all(`"${sample.code.toLowerCase().replace(/-/g, ' ')}"*`) as { id: string }[];
  expect(found().map((r) => r.id)).toContain(sample.id);
  const rowsBefore = (db.sqlite.prepare('SELECT count(*) AS n FROM ticket_search').get() as { n: number }).n;
  // A damaged index: every row gone (a file with a missing trigger is refused at open, before any command runs).
  db.sqlite.exec('DELETE FROM ticket_search');
  expect(found()).toEqual([]);
  db.close();

  const run = spawnSync(process.execPath, [cliScript, 'reindex', '--data-dir', dir], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/reindex: 0\/30 tickets \(0%\)/);
  expect(run.stderr).toMatch(/reindex: 30\/30 tickets \(100%\)/);
  expect(run.stdout).toMatch(/30 tickets, \d+ index rows/);

  const after = openDatabase(databasePath(dir));
  try {
    expect((after.sqlite.prepare('SELECT count(*) AS n FROM ticket_search').get() as { n: number }).n).toBe(rowsBefore);
    const trigger = after.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'tr_ticket_timeline_search_insert'").get();
    expect(trigger).toBeDefined();
    const hits = after.sqlite
      .prepare('SELECT DISTINCT d.ticket_id AS id FROM ticket_search s JOIN ticket_search_docs d ON d.doc_id = s.rowid / 16777216 WHERE ticket_search MATCH ?')
      .all(`"${sample.code.toLowerCase().replace(/-/g, ' ')}"*`) as { id: string }[];
    expect(hits.map((r) => r.id)).toContain(sample.id);
  } finally {
    after.close();
  }
});

it('refuses a folder without a database: exit 1, nothing created', () => {
  const dir = tempDir();
  const run = spawnSync(process.execPath, [cliScript, 'reindex', '--data-dir', dir], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('no database');
});
