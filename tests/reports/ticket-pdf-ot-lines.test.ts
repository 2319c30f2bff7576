// The ticket PDF's OT lines after a newcomer's trial: every OT move names its OT, a completion is printed once,
// and a cancelled OT's block says why (Spanish and English reports; the stored event text is Spanish only).
import { describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import { renderWorkOrderPdf, type RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { customerFixture, settingsFixture, ticketFixture, workOrderFixture } from './fixtures';
import { pdfText } from './support';

const es: RenderOptions = { language: 'es', generatedAt: '2026-03-04T11:00:00.000Z', timeZone: 'Europe/Madrid' };
const en: RenderOptions = { ...es, language: 'en' };
const DONE = 'OT-2026-000426';
const CANCELLED = 'OT-2026-000427';

const event = (n: number, eventType: TimelineEventDto['eventType'], content: string, metaData: Record<string, unknown>): TimelineEventDto => ({
  id: `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
  ticketId: '01900000-0000-7000-8000-0000000000b1',
  eventType,
  content,
  metaData,
  author: { id: '01900000-0000-7000-8000-0000000000d1', fullName: 'Begoña Agente', username: 'agente1' },
  createdAt: `2026-03-02T0${n}:00:00.000Z`,
});

// As the services write them: the content is the stored Spanish line, meta_data carries the facts.
const timeline = [
  event(1, 'ot_updated', `${DONE}: Por planificar → Programada`, { workOrderId: 'a', code: DONE, from: 'pending_planning', to: 'scheduled' }),
  event(2, 'ot_updated', `${DONE}: Programada → En curso`, { workOrderId: 'a', code: DONE, from: 'scheduled', to: 'in_progress' }),
  event(3, 'ot_completed', `${DONE}: En curso → Completada`, { workOrderId: 'a', code: DONE, from: 'in_progress', to: 'completed', totalDuration: 10_200, measuredDuration: 10_200 }),
  event(4, 'ot_updated', `${CANCELLED}: Por planificar → Cancelada`, { workOrderId: 'b', code: CANCELLED, from: 'pending_planning', to: 'cancelled', reason: 'El cliente lo resolvió solo' }),
];
const cancelled = workOrderFixture({ id: '01900000-0000-7000-8000-0000000000a3', code: CANCELLED, status: 'cancelled', cancelReason: 'El cliente lo resolvió solo', totalDuration: null, notes: null, workDone: null }, 0);
const ticket = ticketFixture({ timeline, workOrders: [workOrderFixture({ code: DONE }, 1), cancelled] });
const count = (text: string, part: string) => text.split(part).length - 1;

describe('ticket PDF: OT lines', () => {
  it('names the OT in each move, prints a completion once, and says why an OT was cancelled in its block (Spanish)', async () => {
    const text = pdfText(await renderTicketPdf({ ticket, settings: settingsFixture }, es));
    expect(text).toContain(`${DONE}: Por planificar → Programada`);
    expect(text).toContain(`${DONE}: Programada → En curso`);
    expect(count(text, 'En curso → Completada')).toBe(1);
    expect(text).toContain(`${DONE}: En curso → Completada · 2 h 50 min`);
    // Once in the timeline, once in the OT's block.
    expect(count(text, 'Motivo: El cliente lo resolvió solo')).toBe(2);
    expect(text.indexOf('Motivo: El cliente lo resolvió solo', text.indexOf(`${CANCELLED} · Reparación · Cancelada`))).toBeGreaterThan(0);
  });

  it('says the same in English, with no Spanish status words from the stored lines', async () => {
    const text = pdfText(await renderTicketPdf({ ticket, settings: settingsFixture }, en));
    expect(text).toContain(`${DONE}: To plan → Scheduled`);
    expect(text).toContain(`${DONE}: In progress → Completed · 2h 50m`);
    expect(count(text, 'In progress → Completed')).toBe(1);
    expect(count(text, 'Reason: El cliente lo resolvió solo')).toBe(2);
    for (const spanish of ['Por planificar', 'Programada', 'Completada', 'Cancelada']) expect(text).not.toContain(spanish);
  });

  it('the cancelled OT’s own report says why too', async () => {
    const text = pdfText(await renderWorkOrderPdf({ workOrder: cancelled, customer: customerFixture, settings: settingsFixture }, es));
    expect(text).toContain('Motivo: El cliente lo resolvió solo');
  });
});
