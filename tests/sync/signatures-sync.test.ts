// A signature travels as an add-only op (with its OT's updated_at, so open windows hear of the OT) and is valid on
// the other copy's same report; a part logged afterwards makes it stale on both once they meet.
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { applyRemoteOps, opsMissingFrom, readVector } from '../../electron/services/sync/apply';
import { TouchedCollector } from '../../electron/services/sync/bundle-events';
import { syncDigest } from '../../electron/services/sync/digest';
import { latestSignatures } from '../../electron/services/workOrders/signatures';
import { startDomainApp } from '../domain/fixtures';
import { removeTempDirs, tempDir } from '../db/helpers';

afterAll(removeTempDirs);

const WAVE: [number, number][][] = [Array.from({ length: 40 }, (_, i): [number, number] => [100 + i * 18, 200 + Math.sin(i / 3) * 90])];

it('carries a signature to another copy, valid there, and stale on both after a later change', async () => {
  const f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id, version: wo.version, recordsPastVisit: true });
  wo = await f.tec1.caller.call('workOrders.start', { id: wo.id, version: wo.version });
  await f.tec1.caller.call('workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta Cliente', strokes: WAVE });

  const a = f.app.backend.database;
  const b = openDatabase(path.join(tempDir(), 'b.db'));
  const outcome = b.sqlite.transaction(() => applyRemoteOps(b.sqlite, [...opsMissingFrom(a.sqlite, readVector(b.sqlite))].flat(), Date.now()))();
  expect(outcome.setAside).toEqual([]);
  expect(syncDigest(b.sqlite)).toBe(syncDigest(a.sqlite));
  const collector = new TouchedCollector();
  collector.add(outcome.touched);
  expect(collector.events(b.sqlite)).toContainEqual({ entity: 'workOrder', id: wo.id, kind: 'updated', ticketId: ticket.id });
  expect(latestSignatures(b.db, wo.id)).toEqual(latestSignatures(a.db, wo.id));
  expect(latestSignatures(b.db, wo.id)[0]?.valid).toBe(true);

  // A part logged on the first copy after the signature: the other copy sees the signature stale too.
  await f.tec1.caller.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.bulkProductId, quantity: 2 });
  const later = b.sqlite.transaction(() => applyRemoteOps(b.sqlite, [...opsMissingFrom(a.sqlite, readVector(b.sqlite))].flat(), Date.now()))();
  expect(later.setAside).toEqual([]);
  expect(latestSignatures(a.db, wo.id)[0]?.valid).toBe(false);
  expect(latestSignatures(b.db, wo.id)[0]?.valid).toBe(false);
  b.close();
  f.app.close();
});
