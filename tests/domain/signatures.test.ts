// Signing an OT report: the stored signature and its image, refusals that store nothing, and the frozen report (a
// change after signing makes the signature stale and the timeline says so once).
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { reportContentOf, reportHashOf } from '../../electron/services/workOrders/reportContent';
import { SIGNATURE_IMAGE } from '../../electron/services/workOrders/signaturesImage';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';
import { versionOf } from '../support/versions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

/** A handwritten-looking wave across most of the 1000 × 400 box. */
const WAVE: [number, number][][] = [Array.from({ length: 60 }, (_, i): [number, number] => [100 + i * 12, 200 + Math.sin(i / 4) * 80])];
const DOT: [number, number][][] = [[[500, 200]], [[501, 201], [503, 202]]];

const sqlite = () => f.app.backend.database.sqlite;
const signatureCount = () => (sqlite().prepare('SELECT count(*) AS n FROM work_order_signatures').get() as { n: number }).n;

/** An OT of tec1, started (in progress). */
async function startedVisit(): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', description: 'Pierde agua por la válvula', customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id, version: wo.version, recordsPastVisit: true });
  return f.tec1.caller.call('workOrders.start', { id: wo.id, version: wo.version });
}

const sign = (wo: WorkOrderDetail, role: 'customer' | 'technician' = 'customer', caller = f.tec1.caller) =>
  caller.call('workOrders.sign', { id: wo.id, role, signerName: role === 'customer' ? 'Marta Cliente' : 'Tomás Técnico', signerIdNumber: '12345678Z', strokes: WAVE });

async function timelineOf(wo: WorkOrderDetail) {
  return (await f.admin.call('tickets.get', { id: wo.ticketId })).timeline;
}

describe('workOrders.sign', () => {
  it('stores the signature with its image, the report hash and a timeline line', async () => {
    const wo = await startedVisit();
    const signatures = await sign(wo);
    expect(signatures).toEqual([
      expect.objectContaining({ role: 'customer', signerName: 'Marta Cliente', signerIdNumber: '12345678Z', signedById: f.tec1.id, valid: true }),
    ]);
    const image = Buffer.from(signatures[0]?.imageDataUrl.replace('data:image/png;base64,', '') ?? '', 'base64');
    const meta = await sharp(image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', SIGNATURE_IMAGE.width, SIGNATURE_IMAGE.height]);
    const row = sqlite().prepare('SELECT strokes, content_hash FROM work_order_signatures').get() as { strokes: string; content_hash: string };
    expect(JSON.parse(row.strokes)).toHaveLength(1);
    expect(row.content_hash).toBe(reportHashOf(f.app.backend.database.db, wo.id));
    const signed = (await timelineOf(wo)).find((event) => event.metaData?.change === 'signed');
    expect(signed).toMatchObject({ eventType: 'ot_updated', content: `${wo.code}: Firmado por el cliente: Marta Cliente`, metaData: { role: 'customer' } });
    // Signing is not an edit of the OT: an open form's version still works.
    expect(await versionOf(f.admin, 'workOrder', wo.id)).toBe(wo.version);
    expect(await f.admin.call('workOrders.signatures', { id: wo.id })).toEqual(signatures);
  });

  it('refuses a dot or a tiny scribble and stores nothing', async () => {
    const wo = await startedVisit();
    const before = (await timelineOf(wo)).length;
    for (const strokes of [DOT, [], [[[10, 10], [30, 12], [10, 14], [30, 16], [10, 18]]]]) {
      expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta', strokes })).toMatchObject({
        code: 'VALIDATION',
        details: { reason: 'signature_empty' },
      });
    }
    expect(signatureCount()).toBe(0);
    expect((await timelineOf(wo)).length).toBe(before);
  });

  it('refuses bad input: too many points, outside the box, no name, an unknown or cancelled OT, someone else’s OT', async () => {
    const wo = await startedVisit();
    const many = [Array.from({ length: 5001 }, (_, i): [number, number] => [i % 1000, 100])];
    expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta', strokes: many })).toMatchObject({ code: 'VALIDATION' });
    const outside = [[[0, 0], [1200, 500]]];
    expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta', strokes: outside })).toMatchObject({ code: 'VALIDATION' });
    expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: '  ', strokes: WAVE })).toMatchObject({ code: 'VALIDATION' });
    expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: crypto.randomUUID(), role: 'customer', signerName: 'Marta', strokes: WAVE })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(f.tec2.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Marta', strokes: WAVE })).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'not_your_work_order' },
    });
    const cancelled = await f.admin.call('workOrders.cancel', { id: wo.id, version: wo.version, reason: 'El cliente anula' });
    expect(await errorOf(f.admin, 'workOrders.sign', { id: cancelled.id, role: 'customer', signerName: 'Marta', strokes: WAVE })).toMatchObject({
      details: { reason: 'work_order_cancelled' },
    });
    expect(signatureCount()).toBe(0);
  });

  it('refuses a second signature of a role on a completed, signed OT; the other role may still sign', async () => {
    let wo = await startedVisit();
    wo = await f.tec1.caller.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Válvula de seguridad cambiada' });
    await sign(wo);
    await sign(wo); // before completion, signing again is allowed (the latest counts)
    wo = await f.tec1.caller.call('workOrders.complete', { id: wo.id, version: wo.version });
    expect(await errorOf(f.tec1.caller, 'workOrders.sign', { id: wo.id, role: 'customer', signerName: 'Otra', strokes: WAVE })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'already_signed' },
    });
    expect(signatureCount()).toBe(2);
    const both = await sign(wo, 'technician');
    expect(both.map((s) => [s.role, s.valid])).toEqual([
      ['customer', true],
      ['technician', true],
    ]);
  });
});

describe('frozen report', () => {
  it('a change after signing makes the signature stale, and the timeline says so once', async () => {
    let wo = await startedVisit();
    await sign(wo);
    wo = await f.tec1.caller.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.serialProductId, serialNumber: 'RTR-0001' });
    expect((await f.admin.call('workOrders.signatures', { id: wo.id }))[0]?.valid).toBe(false);
    wo = await f.tec1.caller.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.bulkProductId, quantity: 2 });
    wo = await f.tec1.caller.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'Interno: volver con la pieza' });
    const invalidated = (await timelineOf(wo)).filter((event) => event.metaData?.change === 'signature_invalidated');
    expect(invalidated).toHaveLength(1);
    expect(invalidated[0]?.content).toBe(`${wo.code}: El informe cambió después de la firma: hace falta una nueva firma`);

    // Signing again covers the new report; the next change is noted again, for that new signature.
    expect((await sign(wo))[0]?.valid).toBe(true);
    wo = await f.tec1.caller.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.bulkProductId, quantity: 1 });
    expect((await timelineOf(wo)).filter((event) => event.metaData?.change === 'signature_invalidated')).toHaveLength(2);
  });

  it('closing the ticket with a different work done than the one signed says the signature is stale', async () => {
    const wo = await startedVisit();
    await sign(wo);
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const current = await f.admin.call('workOrders.get', { id: wo.id });
    await f.admin.call('tickets.close', { id: ticket.id, resolution: 'Reparada', version: ticket.version, workOrders: [{ id: wo.id, version: current.version, action: 'complete', workDone: 'Válvula cambiada' }] });
    expect((await f.admin.call('workOrders.signatures', { id: wo.id }))[0]?.valid).toBe(false);
    expect((await timelineOf(wo)).filter((event) => event.metaData?.change === 'signature_invalidated')).toHaveLength(1);
  });

  it('internal notes, status and times are not part of the report; the fault, parts and work done are', async () => {
    let wo = await startedVisit();
    const db = f.app.backend.database.db;
    expect(reportContentOf(db, wo.id).workDone).toBe('');
    wo = await f.tec1.caller.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Válvula de seguridad cambiada' });
    const content = reportContentOf(db, wo.id);
    expect(content).toMatchObject({ workOrderCode: wo.code, otType: 'repair', title: 'Caldera sin presión', description: 'Pierde agua por la válvula', customerName: 'Clínica Dental Sonrisa', workDone: 'Válvula de seguridad cambiada', parts: [], checklist: [], attachments: [] });
    const hash = reportHashOf(db, wo.id);
    wo = await f.tec1.caller.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'Solo para la oficina' });
    expect(reportHashOf(db, wo.id)).toBe(hash);
    await sign(wo);
    wo = await f.tec1.caller.call('workOrders.complete', { id: wo.id, version: wo.version });
    expect(reportHashOf(db, wo.id)).toBe(hash);
    expect((await f.admin.call('workOrders.signatures', { id: wo.id }))[0]?.valid).toBe(true);
    // The fault as the ticket tells it is part of what was signed.
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    await f.admin.call('tickets.update', { id: ticket.id, version: ticket.version, description: 'Pierde agua por la válvula y el manómetro' });
    expect(reportHashOf(db, wo.id)).not.toBe(hash);
    expect((await f.admin.call('workOrders.signatures', { id: wo.id }))[0]?.valid).toBe(false);
    expect((await timelineOf(wo)).filter((event) => event.metaData?.change === 'signature_invalidated')).toHaveLength(1);
  });
});
