// Checklists on OTs: templates per OT type in the settings, answers checked against the item's kind, one row per
// item, required items blocking completion (workOrders.complete and a ticket close's 'complete').
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../electron/contract/checklists';
import type { WorkOrderDetail } from '../../electron/contract';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';
import { settingsVersions } from '../support/versions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

const REPAIR: ChecklistItem[] = [
  { key: 'pressure', label: 'Presión comprobada', kind: 'number', unit: 'bar', required: true },
  { key: 'leaks', label: 'Sin fugas', kind: 'check', required: true },
  { key: 'remarks', label: 'Observaciones', kind: 'text', required: false },
];

async function setTemplates(templates: Record<string, ChecklistItem[]>) {
  return f.admin.call('settings.update', { versions: await settingsVersions(f.admin), checklistTemplates: templates });
}

/** A repair OT of tec1, in progress. */
async function runningVisit(): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera pierde presión', customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id, version: wo.version });
  return f.tec1.caller.call('workOrders.start', { id: wo.id, version: wo.version });
}

const answer = (wo: WorkOrderDetail, itemKey: string, value: boolean | number | string | null, note?: string) =>
  f.tec1.caller.call('workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey, value, ...(note !== undefined ? { note } : {}) });

const answerRows = (workOrderId: string) =>
  f.app.backend.database.sqlite.prepare('SELECT id, item_key, value, note, version FROM work_order_checklist_answers WHERE work_order_id = ?').all(workOrderId) as {
    id: string;
    item_key: string;
    value: string | null;
    note: string | null;
    version: number;
  }[];

describe('checklist templates (setting checklistTemplates)', () => {
  it('are stored per OT type and read back through settings.get', async () => {
    await setTemplates({ repair: REPAIR });
    const settings = await f.admin.call('settings.get', {});
    expect(settings.checklistTemplates.repair?.map((item) => item.key)).toEqual(['pressure', 'leaks', 'remarks']);
    expect(settings.versions.checklistTemplates).toBe(1);
  });

  it('refuse a unit on a tick, two items with one key, more than 50 items, and a technician saving them', async () => {
    const unit = await errorOf(f.admin, 'settings.update', { versions: await settingsVersions(f.admin), checklistTemplates: { repair: [{ key: 'a', label: 'A', kind: 'check', unit: 'V', required: false }] } });
    expect(unit).toMatchObject({ code: 'VALIDATION' });
    const twice = await errorOf(f.admin, 'settings.update', { versions: {}, checklistTemplates: { repair: [REPAIR[0], { ...REPAIR[1], key: 'pressure' }] } });
    expect(twice).toMatchObject({ code: 'VALIDATION' });
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, label: `Punto ${i}`, kind: 'check', required: false }));
    expect(await errorOf(f.admin, 'settings.update', { versions: {}, checklistTemplates: { repair: many } })).toMatchObject({ code: 'VALIDATION' });
    expect(await errorOf(f.tec1.caller, 'settings.update', { versions: {}, checklistTemplates: { repair: REPAIR } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await f.admin.call('settings.get', {})).checklistTemplates).toEqual({});
  });
});

describe('workOrders.checklist and answerChecklist', () => {
  it('shows the template of the OT type with counts, then the answers', async () => {
    await setTemplates({ repair: REPAIR, install: [{ key: 'x', label: 'Otra', kind: 'check', required: true }] });
    let wo = await runningVisit();
    const empty = await f.tec1.caller.call('workOrders.checklist', { id: wo.id });
    expect(empty.items.map((item) => [item.key, item.inTemplate, item.value])).toEqual([
      ['pressure', true, null],
      ['leaks', true, null],
      ['remarks', true, null],
    ]);
    expect(empty.counts).toEqual({ answered: 0, total: 3, required: 2, missingRequired: ['Presión comprobada', 'Sin fugas'] });

    wo = await answer(wo, 'pressure', 2.5);
    wo = await answer(wo, 'remarks', '  Todo correcto  ', 'Revisar en 6 meses');
    const filled = await f.admin.call('workOrders.checklist', { id: wo.id });
    expect(filled.items[0]).toMatchObject({ key: 'pressure', value: 2.5, unit: 'bar', answered: true, answeredBy: { id: f.tec1.id } });
    expect(filled.items[2]).toMatchObject({ value: 'Todo correcto', note: 'Revisar en 6 meses' });
    expect(filled.counts).toEqual({ answered: 2, total: 3, required: 2, missingRequired: ['Sin fugas'] });

    // One timeline line per answer, in the stored words.
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const lines = ticket.timeline.filter((e) => e.metaData?.change === 'checklist').map((e) => e.content);
    expect(lines).toEqual([`${wo.code}: Lista: Presión comprobada = 2,5 bar`, `${wo.code}: Lista: Observaciones = «Todo correcto»`]);
  });

  it('moves the OT version, and answering twice keeps one row (the last value)', async () => {
    await setTemplates({ repair: REPAIR });
    const start = await runningVisit();
    let wo = await answer(start, 'leaks', true);
    expect(wo.version).toBe(start.version + 1);
    wo = await answer(wo, 'leaks', false);
    wo = await answer(wo, 'leaks', true);
    const rows = answerRows(wo.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: `${wo.id}:leaks`, value: 'true', version: 3 });
    // The same value again (a blur with nothing changed) writes nothing.
    const again = await answer(wo, 'leaks', true);
    expect(again.version).toBe(wo.version);
    // A stale OT version is refused like any other OT change.
    expect(await errorOf(f.tec1.caller, 'workOrders.answerChecklist', { id: wo.id, version: start.version, itemKey: 'leaks', value: false })).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a value of the wrong kind and an unknown item, storing nothing', async () => {
    await setTemplates({ repair: REPAIR });
    const wo = await runningVisit();
    for (const [itemKey, value] of [
      ['pressure', '2,5'],
      ['pressure', true],
      ['leaks', 1],
      ['leaks', 'sí'],
      ['remarks', 3],
      ['remarks', false],
    ] as const) {
      const error = await errorOf(f.tec1.caller, 'workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey, value });
      expect(error, `${itemKey} = ${String(value)}`).toMatchObject({ code: 'VALIDATION', details: { reason: 'checklist_wrong_type', itemKey } });
    }
    expect(await errorOf(f.tec1.caller, 'workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'voltage', value: 3 })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'checklist_unknown_item' },
    });
    expect(await errorOf(f.tec1.caller, 'workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'remarks', value: 'x'.repeat(1001) })).toMatchObject({ code: 'VALIDATION' });
    expect(answerRows(wo.id)).toEqual([]);
    expect((await f.admin.call('workOrders.get', { id: wo.id })).version).toBe(wo.version);
  });

  it('is refused to another technician and on a final OT', async () => {
    await setTemplates({ repair: REPAIR });
    const wo = await runningVisit();
    expect(await errorOf(f.tec2.caller, 'workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'leaks', value: true })).toMatchObject({ code: 'FORBIDDEN' });
    const cancelled = await f.admin.call('workOrders.cancel', { id: wo.id, version: wo.version, reason: 'Anulada' });
    expect(await errorOf(f.admin, 'workOrders.answerChecklist', { id: wo.id, version: cancelled.version, itemKey: 'leaks', value: true })).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { reason: 'work_order_final' },
    });
  });

  it('still shows an answered item after it left the template, from the stored label', async () => {
    await setTemplates({ repair: REPAIR });
    let wo = await runningVisit();
    wo = await answer(wo, 'pressure', 1.8);
    await setTemplates({ repair: [{ key: 'leaks-2', label: 'Sin fugas tras la prueba', kind: 'check', required: true }] });
    const list = await f.tec1.caller.call('workOrders.checklist', { id: wo.id });
    expect(list.items.map((item) => [item.label, item.inTemplate, item.value])).toEqual([
      ['Sin fugas tras la prueba', true, null],
      ['Presión comprobada', false, 1.8],
    ]);
    expect(list.counts).toEqual({ answered: 0, total: 1, required: 1, missingRequired: ['Sin fugas tras la prueba'] });
    // It can no longer be answered (the template has no such item).
    expect(await errorOf(f.tec1.caller, 'workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'pressure', value: 2 })).toMatchObject({
      details: { reason: 'checklist_unknown_item' },
    });
  });
});

describe('required items block completion', () => {
  it('workOrders.complete names the missing labels; once answered it completes', async () => {
    await setTemplates({ repair: REPAIR });
    let wo = await runningVisit();
    wo = await answer(wo, 'leaks', false);
    const refused = await errorOf(f.tec1.caller, 'workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambio de válvula' });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'checklist_incomplete', missing: ['Presión comprobada', 'Sin fugas'] } });
    expect(refused.message).toContain('Presión comprobada, Sin fugas');
    expect((await f.admin.call('workOrders.get', { id: wo.id })).status).toBe('in_progress');
    wo = await answer(wo, 'pressure', 0);
    wo = await answer(wo, 'leaks', true);
    const done = await f.tec1.caller.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambio de válvula' });
    expect(done.status).toBe('completed');
    // Read-only once final, answers kept.
    expect((await f.admin.call('workOrders.checklist', { id: wo.id })).counts).toMatchObject({ answered: 2, missingRequired: [] });
  });

  it('closing the ticket with "complete" for that OT is refused the same way', async () => {
    await setTemplates({ repair: REPAIR });
    const wo = await runningVisit();
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const refused = await errorOf(f.admin, 'tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Reparado',
      workOrders: [{ id: wo.id, version: wo.version, action: 'complete', workDone: 'Cambio de válvula' }],
    });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'checklist_incomplete', code: wo.code } });
    expect((await f.admin.call('tickets.get', { id: ticket.id })).status).not.toBe('closed');
  });

  it('an OT type without a template completes as before', async () => {
    await setTemplates({ install: REPAIR });
    const wo = await runningVisit();
    expect((await f.tec1.caller.call('workOrders.checklist', { id: wo.id })).items).toEqual([]);
    expect((await f.tec1.caller.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Hecho' })).status).toBe('completed');
  });
});
