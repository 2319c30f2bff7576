// Issue 18 polish: an OT's parts, serials and notes show in the timeline in both languages, on screen and in the PDF
// (the English screen said "updated OT-2026-000464" four times where the Spanish text named each part).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { versionOf } from '../support/versions';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

let f: DomainFixture;
let otEvents: TimelineEventDto[] = [];

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
  f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Sustituir el router de la clínica', customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
  const version = () => versionOf(f.admin, 'workOrder', wo.id);
  await f.admin.call('workOrders.addItem', { id: wo.id, version: await version(), productId: f.serialProductId, serialNumber: 'RTR-7F3A-0091' });
  await f.admin.call('workOrders.addItem', { id: wo.id, version: await version(), productId: f.bulkProductId, quantity: 3 });
  const detail = await f.admin.call('workOrders.get', { id: wo.id });
  const router = detail.items.find((item) => item.serialNumber === 'RTR-7F3A-0091');
  await f.admin.call('workOrders.removeItem', { id: wo.id, version: await version(), itemId: router?.id ?? '' });
  await f.admin.call('workOrders.updateNotes', { id: wo.id, version: await version(), notes: 'Router cambiado de sitio, junto al rack.' });
  const full = await f.admin.call('tickets.get', { id: ticket.id });
  otEvents = full.timeline.filter((event) => event.eventType === 'ot_updated');
}, 60_000);

afterAll(() => f?.app.close());

describe('OT changes in the timeline', () => {
  it('the screen names the part, the serial and the quantity in Spanish and in English', () => {
    expect(otEvents).toHaveLength(4);
    const code = String(otEvents[0]?.metaData?.code);
    const es = otEvents.map((event) => describeEvent(translators.es, event, []));
    const en = otEvents.map((event) => describeEvent(translators.en, event, []));
    expect(es).toEqual([
      `instaló Router industrial, serie RTR-7F3A-0091 en la ${code}`,
      `instaló Cable de red 5 m ×3 en la ${code}`,
      `quitó Router industrial, serie RTR-7F3A-0091 de la lista de la ${code}`,
      `actualizó las notas de la ${code}`,
    ]);
    expect(en).toEqual([
      `installed Router industrial, serial RTR-7F3A-0091 on ${code}`,
      `installed Cable de red 5 m ×3 on ${code}`,
      `took Router industrial, serial RTR-7F3A-0091 off the list of ${code}`,
      `updated the notes of ${code}`,
    ]);
  });

  it('the PDF in English says in English what the Spanish one says', () => {
    const es = otEvents.map((event) => describeTimelineEvent(event, labelsFor('es')).body);
    const en = otEvents.map((event) => describeTimelineEvent(event, labelsFor('en')).body);
    expect(es[0]).toContain('material instalado: Router industrial, serie RTR-7F3A-0091');
    expect(en[0]).toContain('part installed: Router industrial, serial RTR-7F3A-0091');
    expect(en[1]).toContain('Cable de red 5 m ×3');
    expect(en[2]).toContain('part taken off the list: Router industrial, serial RTR-7F3A-0091');
    expect(en[3]).toContain('notes updated');
    // No Spanish left in the English report.
    for (const line of en) expect(line).not.toMatch(/material|serie |notas/);
  });

  it('an older event without the product name still shows its serial', () => {
    const old = { ...otEvents[0], metaData: { ...otEvents[0]?.metaData, item: { serialNumber: 'SN-1', quantity: 1 } } } as TimelineEventDto;
    expect(describeEvent(translators.en, old, [])).toMatch(/^installed a part, serial SN-1 on OT-/);
  });
});

describe('issue 15: parts taken out, free-text parts in their unit, the work done', () => {
  const event = (metaData: Record<string, unknown>): TimelineEventDto => ({
    id: 'e1',
    ticketId: 't1',
    eventType: 'ot_updated',
    content: '',
    metaData: { workOrderId: 'w1', code: 'OT-2026-000009', from: 'in_progress', to: 'in_progress', ...metaData },
    author: null,
    createdAt: '2026-03-02T10:00:00.000Z',
  });
  const removed = event({ change: 'item_added', item: { productName: 'Compresor R404A', serialNumber: 'CMP-1', quantity: 1, unit: 'unit', direction: 'removed' } });
  const gas = event({ change: 'item_added', item: { productName: null, description: 'Gas R-32', serialNumber: null, quantity: 1.5, unit: 'kg', direction: 'installed' } });
  const workDone = event({ change: 'work_done' });

  it('the screen says which way the part went, the free-text words with their unit, and the work done', () => {
    expect([removed, gas, workDone].map((e) => describeEvent(translators.es, e, []))).toEqual([
      'retiró Compresor R404A, serie CMP-1 del cliente en la OT-2026-000009',
      'instaló Gas R-32 ×1,5 kg en la OT-2026-000009',
      'actualizó el trabajo realizado de la OT-2026-000009',
    ]);
    expect(describeEvent(translators.en, removed, [])).toBe('removed Compresor R404A, serial CMP-1 from the site on OT-2026-000009');
  });

  it('the PDF says the same in both languages', () => {
    expect(describeTimelineEvent(removed, labelsFor('es')).body).toContain('material retirado: Compresor R404A, serie CMP-1');
    expect(describeTimelineEvent(gas, labelsFor('es')).body).toContain('material instalado: Gas R-32 ×1,5 kg');
    expect(describeTimelineEvent(workDone, labelsFor('en')).body).toContain('work done updated');
  });
});
