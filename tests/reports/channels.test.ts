// The PDF channels through the real router: data made by the domain channels, then exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { completedWorkOrder, isPdf, pdfText } from './support';
import { settingsVersions } from '../support/versions';

let app: TestApp;
let tecnico: { caller: Caller; id: string };
let readOnly: Caller;
let workOrder: WorkOrderDetail;
const serials = ['SN-AÑO-0001', 'SN-AÑO-0002', 'SN-AÑO-0003'];

beforeAll(async () => {
  app = await startTestApp();
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyName: 'Climatización Ibáñez', companyAddress: 'Calle Mayor 1, Logroño' });
  const customer = await app.admin.call('customers.create', { name: 'Panadería Muñoz', address: 'Plaza de España 3, Cádiz' });
  tecnico = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  readOnly = (await app.userWithRole('Solo lectura', 'lector', 'Lucía Lectora')).caller;
  workOrder = await completedWorkOrder(app, app.admin, {
    customerId: customer.id,
    technicianId: tecnico.id,
    scheduledDate: '2026-03-02T10:00:00.000Z',
    serials,
    notes: 'Descripción: cambio de compresor, revisión de juntas',
  });
});
afterAll(() => app.close());

describe('reports.workOrderPdf', () => {
  it('returns the OT report as a FilePayload named after the OT code', async () => {
    const file = await app.admin.call('reports.workOrderPdf', { id: workOrder.id });
    expect(file.fileName).toBe(`${workOrder.code}.pdf`);
    expect(file.mimeType).toBe('application/pdf');
    expect(Buffer.from(file.bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    const text = pdfText(file.bytes);
    for (const expected of [workOrder.code, workOrder.ticketCode, 'Panadería Muñoz', 'Plaza de España 3, Cádiz', 'Tomás Peña', 'Climatización Ibáñez', 'cambio de compresor', ...serials]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('25 min'); // the minutes the clock moved between start and complete
  });

  it('follows the settings language unless the call names one', async () => {
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), language: 'en' });
    try {
      const english = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).bytes);
      expect(english).toContain('Work order report');
      const spanish = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id, language: 'es' })).bytes);
      expect(spanish).toContain('Informe de orden de trabajo');
    } finally {
      await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), language: 'system' });
    }
    expect(pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).bytes)).toContain('Informe de orden de trabajo');
  });

  it('is open to technicians, closed to read-only users, and NOT_FOUND for an unknown id', async () => {
    expect(isPdf((await tecnico.caller.call('reports.workOrderPdf', { id: workOrder.id })).bytes)).toBe(true);
    expect(await readOnly.failure('reports.workOrderPdf', { id: workOrder.id })).toBe('FORBIDDEN');
    expect(await app.admin.failure('reports.workOrderPdf', { id: '01900000-0000-7000-8000-000000000000' })).toBe('NOT_FOUND');
    expect(await app.admin.failure('reports.workOrderPdf', { id: workOrder.id, language: 'fr' })).toBe('VALIDATION');
  });
});

describe('reports.ticketPdf', () => {
  it('prints the real timeline in readable words and the OT with its parts', async () => {
    const file = await app.admin.call('reports.ticketPdf', { id: workOrder.ticketId });
    expect(file.fileName).toBe(`${workOrder.ticketCode}.pdf`);
    expect(isPdf(file.bytes)).toBe(true);
    const text = pdfText(file.bytes);
    for (const expected of [workOrder.ticketCode, 'Bitácora', 'Ticket creado', 'OT creada', 'Cambio de estado', 'Abierto → En curso', workOrder.code, ...serials]) {
      expect(text).toContain(expected);
    }
  });

  it('answers NOT_FOUND for an unknown ticket', async () => {
    expect(await app.admin.failure('reports.ticketPdf', { id: '01900000-0000-7000-8000-000000000000' })).toBe('NOT_FOUND');
  });
});
