// Issue 18.17: every update carries the row version it was read at. OT items, catalogs (customers, products,
// categories), users, roles and settings refuse a stale version with CONFLICT stale_version (what tickets answer)
// and an update without one as VALIDATION; a change arriving from a team member moves the version here too.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { applyRemoteOps, opsMissingFrom, readVector } from '../../electron/services/sync/apply';
import { entityOf } from '../../electron/services/sync/entities';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { expectError } from '../foundation/helpers';

let f: DomainFixture;

beforeAll(async () => {
  f = await startDomainApp();
});
afterAll(() => {
  f.app.close();
  removeTempDirs();
});

/** Updates once with the version shown (which moves it on), then again with that now-stale version. */
async function staleAfterOneUpdate(channel: string, shown: { id: string; version: number }, change: Record<string, unknown>): Promise<void> {
  await expectError(f.admin, channel, { id: shown.id, ...change }, 'VALIDATION');
  const updated = (await f.admin.envelope(channel, { id: shown.id, version: shown.version, ...change })) as { ok: boolean; value: { version: number } };
  expect(updated.ok, channel).toBe(true);
  expect(updated.value.version, channel).toBe(shown.version + 1);
  const error = await expectError(f.admin, channel, { id: shown.id, version: shown.version, ...change }, 'CONFLICT', 'stale_version');
  expect(error.details).toMatchObject({ expected: shown.version, actual: shown.version + 1 });
}

describe('updates name the version they were read at', () => {
  it('customers, products and categories', async () => {
    const customer = await f.admin.call('customers.get', { id: f.customerId });
    await staleAfterOneUpdate('customers.update', customer, { phone: '600 111 222' });
    const product = (await f.admin.call('products.list', {})).find((p) => p.id === f.bulkProductId)!;
    await staleAfterOneUpdate('products.update', product, { description: 'Cat 6, gris' });
    const category = (await f.admin.call('categories.list', {})).find((c) => c.id === f.categoryId)!;
    await staleAfterOneUpdate('categories.update', category, { description: 'Láser y tinta' });
  });

  it('users (update and deactivate) and roles', async () => {
    const tec2 = (await f.admin.call('users.list', {})).find((u) => u.id === f.tec2.id)!;
    await staleAfterOneUpdate('users.update', tec2, { fullName: 'Teresa Técnica Ruiz' });
    await expectError(f.admin, 'users.deactivate', { id: tec2.id, version: tec2.version }, 'CONFLICT', 'stale_version');
    const role = await f.admin.call('roles.create', { name: 'Almacén', permissions: ['catalog:write'] });
    await staleAfterOneUpdate('roles.update', role, { permissions: ['catalog:write', 'tickets:read'] });
  });

  it('settings: each setting changed must still have the version the form showed (0 when never stored)', async () => {
    const shown = await f.admin.call('settings.get', {});
    expect(shown.versions.companyName).toBeUndefined();
    await expectError(f.admin, 'settings.update', { companyName: 'Servicios Norte' }, 'VALIDATION');
    const saved = await f.admin.call('settings.update', { versions: shown.versions, companyName: 'Servicios Norte' });
    expect(saved.versions.companyName).toBe(1);
    // Another admin's window, still showing the old form, saves over it: refused, nothing written.
    await expectError(f.admin, 'settings.update', { versions: shown.versions, companyName: 'Norte Servicios' }, 'CONFLICT', 'stale_version');
    expect((await f.admin.call('settings.get', {})).companyName).toBe('Servicios Norte');
    // A setting nobody else touched still saves from the old form.
    await f.admin.call('settings.update', { versions: shown.versions, companyPhone: '985 000 000' });
    const again = await f.admin.call('settings.update', { versions: saved.versions, companyName: 'Servicios del Norte' });
    expect(again.versions.companyName).toBe(2);
  });

  it('OT items: adding or removing a part names the OT version and moves it', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Router caído', description: 'Sin conexión' });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    await expectError(f.admin, 'workOrders.addItem', { id: wo.id, description: 'Junta', serialNumber: 'SN-1' }, 'VALIDATION');
    const added = await f.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, description: 'Junta', serialNumber: 'SN-1' });
    expect(added.version).toBe(wo.version + 1);
    await expectError(f.admin, 'workOrders.addItem', { id: wo.id, version: wo.version, description: 'Junta', serialNumber: 'SN-2' }, 'CONFLICT', 'stale_version');
    const item = added.items[0]!;
    await expectError(f.admin, 'workOrders.removeItem', { id: wo.id, version: wo.version, itemId: item.id }, 'CONFLICT', 'stale_version');
    const removed = await f.admin.call('workOrders.removeItem', { id: wo.id, version: added.version, itemId: item.id });
    expect(removed.items).toEqual([]);
    expect(removed.version).toBe(added.version + 1);
  });
});

describe('replicated rows', () => {
  it('are versioned in the entity list, and a change from a team member moves the version on this copy', async () => {
    for (const table of ['roles', 'users', 'ticket_categories', 'customers', 'products', 'settings']) expect(entityOf(table)?.versioned, table).toBe(true);
    const source = f.app.backend.database.sqlite;
    const copy = openDatabase(path.join(tempDir(), 'copy.db'));
    try {
      const replay = () => copy.sqlite.transaction(() => applyRemoteOps(copy.sqlite, [...opsMissingFrom(source, readVector(copy.sqlite))].flat(), Date.now()))();
      replay();
      const versionOn = (db: typeof source, table: string, key: string, id: string) =>
        (db.prepare(`SELECT version FROM ${table} WHERE ${key} = ?`).get(id) as { version: number }).version;
      const before = versionOn(copy.sqlite, 'customers', 'id', f.customerId);
      const customer = await f.admin.call('customers.get', { id: f.customerId });
      await f.admin.call('customers.update', { id: customer.id, version: customer.version, notes: 'Aparcar detrás' });
      const settings = await f.admin.call('settings.get', {});
      await f.admin.call('settings.update', { versions: settings.versions, companyName: 'Servicios Norte S.L.' });
      const settingBefore = versionOn(copy.sqlite, 'settings', 'key', 'companyName');
      replay();
      expect(versionOn(copy.sqlite, 'customers', 'id', f.customerId)).toBe(before + 1);
      expect(versionOn(copy.sqlite, 'settings', 'key', 'companyName')).toBe(settingBefore + 1);
    } finally {
      copy.close();
    }
  });
});
