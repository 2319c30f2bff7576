// The list screen's and the searches' cases alone (scripts/bench/searchCases.ts), without the whole `npm run bench`:
// each case through the router, the service and raw SQL, p50/p95 in ms. `npx tsx scripts/bench/searchAlone.ts --data
// <folder with emerald.db> [--runs 200] [--only <part of a case name>]`. Writes to the given folder (sign-in sessions,
// the ticket with 2,000 notes), so pass a copy of the cached dataset.
import path from 'node:path';
import { createBackend } from '../../electron/ipc/backend';
import type { ServiceContext } from '../../electron/services/context';
import { loadActor } from '../../electron/services/users/actor';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { pickFixtures } from './fixtures';
import { measure, measureSideBySide, sessionCaller, type Stats } from './measure';
import { searchCases } from './searchCases';

const args = parseArgs(process.argv.slice(2));
const dataDir = stringFlag(args, 'data');
if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
const runs = intFlag(args, 'runs', 200);
const only = stringFlag(args, 'only');
const log = (line: string) => process.stderr.write(`${line}\n`);

// No quick_check at open: it reads the whole 3 GB copy; the bench checks nothing.
const backend = createBackend({ dataDir: path.resolve(dataDir), deferIntegrityCheck: true });
const call = sessionCaller(backend);
await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
const sqlite = backend.database.sqlite;
const admin = loadActor(sqlite, (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id);
const ctx: ServiceContext = { db: backend.database.db, sqlite, clock: backend.clock, events: backend.events, actor: admin };
const fmt = (s: Stats) => `p50 ${s.p50.toFixed(2)} / p95 ${s.p95.toFixed(2)} ms`;

try {
  const fixtures = pickFixtures(sqlite);
  log(`words ${JSON.stringify(fixtures.words)}`);
  for (const c of searchCases(call, ctx, fixtures)) {
    if (only && !c.name.includes(only)) continue;
    try {
      const router = await measure(runs, c.router);
      const { service, raw } = await measureSideBySide(runs, c.service, c.raw);
      log(`${c.name}: router ${fmt(router)}; service ${fmt(service)}; raw ${fmt(raw)}`);
    } catch (error) {
      log(`${c.name}: failed, ${String(error)}`);
    }
  }
} finally {
  backend.close();
}
