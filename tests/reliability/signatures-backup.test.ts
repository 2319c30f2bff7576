// A backup carries the OT's signatures: after a restore the same signature (image, name, time) is there and still
// covers the same report.
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createBackup, restoreDatabase } from '../../db/reliability';
import { reportHashOf } from '../../electron/services/workOrders/reportContent';
import { latestSignatures } from '../../electron/services/workOrders/signatures';
import { startDomainApp } from '../domain/fixtures';
import { removeTempDirs } from './support';

afterAll(removeTempDirs);

const WAVE: [number, number][][] = [Array.from({ length: 40 }, (_, i): [number, number] => [100 + i * 18, 200 + Math.sin(i / 3) * 90])];

it('backup then restore keeps the signatures, valid on the same report', async () => {
  const f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id, version: wo.version, recordsPastVisit: true });
  wo = await f.tec1.caller.call('workOrders.start', { id: wo.id, version: wo.version });
  await f.tec1.caller.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.serialProductId, serialNumber: 'RTR-0001' });
  const signed = await f.tec1.caller.call('workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta Cliente', signerIdNumber: '12345678Z', strokes: WAVE });
  const live = f.app.backend.database;
  const hash = reportHashOf(live.db, wo.id);
  const backup = await createBackup(path.dirname(live.path), live.sqlite);
  const restored = restoreDatabase({ file: live.path, from: backup.path, live, now: new Date('2026-03-06T10:00:00.000Z') });
  try {
    expect(latestSignatures(restored.database.db, wo.id)).toEqual(signed);
    expect(reportHashOf(restored.database.db, wo.id)).toBe(hash);
  } finally {
    restored.database.close();
  }
  f.app.close();
});
