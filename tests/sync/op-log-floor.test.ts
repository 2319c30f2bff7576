// The op log floor bench case (scripts/bench/opLogFloor.ts) writes into the bench's working copy: it must leave the
// replicated state, the op log and the capture switch as it found them, and time both variants.
import { afterEach, describe, expect, it } from 'vitest';
import { measureOpLogFloor } from '../../scripts/bench/opLogFloor';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs } from '../db/helpers';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTempDirs();
});

const count = (app: TestApp, sql: string) => (app.backend.database.sqlite.prepare(sql).get() as { n: number }).n;

describe('op log floor bench case', () => {
  it('times the customer insert alone and with its op and clock rows, then leaves the copy as it was', async () => {
    app = await startTestApp();
    await app.admin.call('customers.create', { name: 'Clínica Dental Sonrisa' });
    const sqlite = app.backend.database.sqlite;
    const before = { digest: syncDigest(sqlite), ops: count(app, 'SELECT count(*) AS n FROM sync_ops'), clocks: count(app, 'SELECT count(*) AS n FROM sync_clocks'), folds: count(app, 'SELECT count(*) AS n FROM customer_folds') };

    const floor = await measureOpLogFloor(sqlite, 5);

    expect(floor.rowAlone.runs).toBe(5);
    expect(floor.rowWithOpAndClock.runs).toBe(5);
    expect(floor.floorMs).toBeCloseTo(floor.rowWithOpAndClock.p95 - floor.rowAlone.p95);
    expect(syncDigest(sqlite)).toBe(before.digest);
    expect(count(app, 'SELECT count(*) AS n FROM sync_ops')).toBe(before.ops);
    expect(count(app, 'SELECT count(*) AS n FROM sync_clocks')).toBe(before.clocks);
    expect(count(app, 'SELECT count(*) AS n FROM customer_folds')).toBe(before.folds);
    expect(count(app, 'SELECT count(*) AS n FROM sync_capture')).toBe(0);
    expect(count(app, 'SELECT capture AS n FROM sync_local WHERE id = 1')).toBe(1);
    // The next write is captured as before.
    await app.admin.call('customers.create', { name: 'Talleres Hermanos Ruiz' });
    expect(count(app, 'SELECT count(*) AS n FROM sync_ops')).toBe(before.ops + 1);
  });
});
