// An English ticket PDF printed the Spanish lines Emerald stores with each generated event ("Ticket TK-… creado",
// "Visita solicitada: …", "Estado: Abierto → En curso", "Ticket cerrado: …"; a README-only trial in English,
// 2026-12-05). Each event of a real ticket's timeline is worded from its meta_data in the report's language; the
// person's own words (a note, a resolution, a reason) are printed as written, and a Spanish report is as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../electron/contract';
import { ticketPdf } from '../../electron/services/reports/documents';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { startTestApp, type TestApp } from '../support/backend';
import { pdfText } from './support';

let app: TestApp;
let ticket: TicketDetail;
let workOrderCode: string;

beforeAll(async () => {
  app = await startTestApp();
  const admin = app.admin;
  let t = await admin.call('tickets.create', { title: 'Split no enfría', description: 'Echa aire caliente.' });
  const wo = await admin.call('workOrders.requestVisit', { ticketId: t.id, otType: 'repair' });
  workOrderCode = wo.code;
  t = await admin.call('tickets.get', { id: t.id });
  t = await admin.call('tickets.changeStatus', { id: t.id, status: 'waiting', version: t.version });
  await admin.call('tickets.addNote', { id: t.id, content: 'El cliente llama mañana.' });
  t = await admin.call('tickets.get', { id: t.id });
  t = await admin.call('tickets.close', {
    id: t.id,
    version: t.version,
    resolution: 'Fan motor replaced.',
    workOrders: [{ id: wo.id, version: (await admin.call('workOrders.get', { id: wo.id })).version, action: 'cancel', reason: 'Not needed' }],
  });
  t = await admin.call('tickets.reopen', { id: t.id, version: t.version, reason: 'It failed again.' });
  const technician = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  t = await admin.call('tickets.assign', { id: t.id, version: t.version, assignedToId: technician.id });
  t = await admin.call('tickets.assign', { id: t.id, version: t.version, assignedToId: null });
  ticket = await admin.call('tickets.get', { id: t.id });
});

afterAll(() => app?.close());

const printed = (language: 'es' | 'en') => ticket.timeline.map((event) => describeTimelineEvent(event, labelsFor(language)));
const text = (language: 'es' | 'en') => printed(language).map((line) => `${line.heading}\n${line.body}`).join('\n');

describe('the ticket report’s timeline', () => {
  it('has no stored Spanish line in an English report, and says each event from its facts', () => {
    const english = text('en');
    for (const spanish of ['creado', 'Visita solicitada', 'Estado:', 'Ticket cerrado', 'Reparación', 'Abierto']) expect(english).not.toContain(spanish);
    expect(english).toContain(`Repair: ${workOrderCode}`);
    expect(english).toContain('Fan motor replaced.');
    expect(english).toContain('It failed again.');
    expect(english).toContain('Closed → Open');
    // A note is the person's own words, in whatever language they wrote it.
    expect(english).toContain('El cliente llama mañana.');
  });

  it('an assignment says to whom, in the report’s language, and when it was taken away', async () => {
    const { database, clock, events } = app.backend;
    const printedPdf = async (language: 'es' | 'en') =>
      pdfText((await ticketPdf({ db: database.db, sqlite: database.sqlite, actor: null, clock, events, dataDir: app.dir }, ticket.id, language)).bytes);
    const english = await printedPdf('en');
    expect(english).toContain('Assignment Assigned to Lucía Martín');
    expect(english).toContain('Assignment Unassigned (was Lucía Martín)');
    expect(english).not.toContain('Ticket asignado');
    const spanish = await printedPdf('es');
    expect(spanish).toContain('Asignación Asignado a Lucía Martín');
    expect(spanish).toContain('Asignación Sin asignar (antes: Lucía Martín)');
    // The creation's heading alone: its stored line only repeated it with the header's code.
    expect(spanish).toContain('Ticket creado');
    expect(spanish).not.toContain(`Ticket ${ticket.code} creado`);
  });

  it('a visit requested with a proposal, then scheduled, names the day and the technician in the PDF', async () => {
    const { database, clock, events } = app.backend;
    const lucia = (await app.admin.call('users.list', {})).find((user) => user.username === 'lmartin');
    const visitTicket = await app.admin.call('tickets.create', { title: 'Caldera sin presión' });
    const when = new Date(clock.now().getTime() + 3 * 86_400_000);
    when.setUTCHours(9, 0, 0, 0);
    const asked = await app.admin.call('workOrders.requestVisit', { ticketId: visitTicket.id, otType: 'repair', scheduledDate: when.toISOString(), technicianId: lucia?.id });
    await app.admin.call('workOrders.schedule', { id: asked.id, version: asked.version, scheduledDate: when.toISOString(), technicianId: lucia!.id });
    const pdf = pdfText((await ticketPdf({ db: database.db, sqlite: database.sqlite, actor: null, clock, events, dataDir: app.dir }, visitTicket.id, 'es')).bytes).replace(/\s+/g, ' ');
    expect(pdf).toMatch(/Propuesta: .* · Lucía Martín/);
    expect(pdf).toMatch(/Por planificar → Programada .* · Lucía Martín/);
  });

  it('a Spanish report words the same events in Spanish', () => {
    const spanish = text('es');
    expect(spanish).toContain(`Reparación: ${workOrderCode}`);
    expect(spanish).toContain('Fan motor replaced.');
    expect(spanish).toContain('Cerrado → Abierto');
    expect(spanish).toContain('It failed again.');
  });
});
