// Backup and restore of the central hub with PostgreSQL's own tools: pg_dump while members work, more work after
// the dump, pg_restore into a fresh database, the hub served again from it on the same address. Members continue:
// what the dump missed comes back from the members that hold it, and a newcomer then receives everything.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { startHub } from '../../electron/services/sync/net/hubServer';
import { openPgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { openHubDatabase } from '../../electron/services/sync/pg/pgHubSetup';
import { pgActingAdmin, pgMakePairingCode } from '../../electron/services/sync/pg/pgPairingCodes';
import { ADMIN } from '../support/backend';
import { adminContext, digestOf, servicesOf } from './net.helpers';
import { count, sqliteOf } from './team.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const run = promisify(execFile);
const dumps = mkdtempSync(path.join(tmpdir(), 'emerald-pg-dump-'));
const { world, pgWorld, cluster } = pgHubSuite();
afterAll(() => rmSync(dumps, { recursive: true, force: true }));

describe('pg_dump and pg_restore of the central hub', () => {
  it('members continue on the restored hub; what the dump missed comes back from them', async () => {
    const central = await pgWorld.hub();
    const laptop = await world.app({ setup: false });
    await pairWithHub(adminContext(laptop), { url: central.hub.url, code: await central.code() });
    await laptop.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await laptop.admin.call('customers.create', { name: 'Antes de la copia' });
    await syncRound(servicesOf(laptop));

    const file = path.join(dumps, 'hub.dump');
    await run(path.join(cluster().binDir, 'pg_dump'), ['--format=custom', '--file', file, central.url]);
    await laptop.admin.call('customers.create', { name: 'Después de la copia' });
    await syncRound(servicesOf(laptop));

    // The server is lost; the dump is restored into a new database and served on the same address.
    const port = central.hub.port;
    await pgWorld.close();
    const restoredUrl = await cluster().createDatabase();
    await run(path.join(cluster().binDir, 'pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, file]);
    const pool = await openHubDatabase(restoredUrl);
    const store = await openPgHubStore({ pool });
    const hub = await startHub({ store, listen: { host: '127.0.0.1', port }, mdns: false });
    try {
      expect(hub.fingerprint).toBe(central.hub.fingerprint);
      const round = await syncRound(servicesOf(laptop));
      expect(round).toMatchObject({ inStep: true });
      expect(round.sent).toBeGreaterThan(0);
      const names = await pool.query<{ name: string }>("SELECT name FROM customers WHERE name LIKE '%copia' ORDER BY name");
      expect(names.rows.map((row) => row.name)).toEqual(['Antes de la copia', 'Después de la copia']);

      const admin = await pgActingAdmin(pool, undefined);
      const code = await pgMakePairingCode(pool, admin.id, new Date());
      await store.refreshKeys();
      const newcomer = await world.app({ setup: false });
      await pairWithHub(adminContext(newcomer), { url: hub.url, code: code.code });
      await syncRound(servicesOf(laptop));
      expect(count(sqliteOf(newcomer), "SELECT count(*) AS n FROM customers WHERE name LIKE '%copia'")).toBe(2);
      expect(digestOf(newcomer)).toBe(digestOf(laptop));
      expect(readVector(sqliteOf(newcomer))).toEqual(readVector(sqliteOf(laptop)));
    } finally {
      await hub.close();
      await store.close();
      await pool.end();
    }
  });
});
