// Issue 16 part 2: a rescheduled OT's timeline entry says what moved, from → to (date and technician), from the
// meta_data workOrders.schedule writes; the stored line says it was rescheduled.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { eventBody } from '../../renderer/src/features/tickets/timelineText';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';

let f: DomainFixture;
let event: TimelineEventDto | undefined;
let firstSchedule: TimelineEventDto | undefined;
let proposedRequest: TimelineEventDto | undefined;

beforeAll(async () => {
  f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-09T09:00:00.000Z', technicianId: f.tec1.id });
  await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-10T11:30:00.000Z', technicianId: f.tec2.id });
  const timeline = (await f.admin.call('tickets.get', { id: ticket.id })).timeline;
  event = timeline.at(-1);
  firstSchedule = timeline.at(-2);
  const other = await f.admin.call('tickets.create', { title: 'Radiador frío', customerId: f.customerId });
  await f.admin.call('workOrders.requestVisit', { ticketId: other.id, otType: 'repair', scheduledDate: '2026-03-11T08:00:00.000Z', technicianId: f.tec1.id });
  proposedRequest = (await f.admin.call('tickets.get', { id: other.id })).timeline.find((e) => e.eventType === 'ot_created');
});
afterAll(() => f.app.close());

it('the body of a reschedule reads date · technician from → to', () => {
  const names: Record<string, string> = { [f.tec1.id]: 'Tomás Técnico', [f.tec2.id]: 'Teresa Técnica' };
  const format = {
    number: String,
    metric: (key: string) => key,
    duration: (seconds: number) => `${seconds} s`,
    durationChanged: (reason: string) => reason,
    dateTime: (iso: string) => iso.slice(0, 16).replace('T', ' '),
    person: (id: string) => names[id] ?? '?',
  };
  expect(event?.content).toMatch(/reprogramada/);
  expect(eventBody(event as TimelineEventDto, format)).toBe('2026-03-09 09:00 · Tomás Técnico → 2026-03-10 11:30 · Teresa Técnica');
  // Without a date formatter (older callers) there is no body, as before.
  const { dateTime: _dateTime, person: _person, ...plain } = format;
  expect(eventBody(event as TimelineEventDto, plain)).toBeNull();
  // Scheduled the first time: for when and whom (a trial read only "de Por planificar a Programada").
  expect(eventBody(firstSchedule as TimelineEventDto, format)).toBe('2026-03-09 09:00 · Tomás Técnico');
  // Labelled on screen: a bare "date · name" line read as the header of another entry (an English trial).
  expect(eventBody(firstSchedule as TimelineEventDto, { ...format, planned: (plan: string) => `Programada para: ${plan}` })).toBe('Programada para: 2026-03-09 09:00 · Tomás Técnico');
  // A request that proposed a day and a technician says so.
  expect(eventBody(proposedRequest as TimelineEventDto, { ...format, proposed: (plan: string) => `Propuesta: ${plan}` })).toBe('Propuesta: 2026-03-11 08:00 · Tomás Técnico');
});

it('the ticket PDF says the dates of a reschedule, from → to, in its language', () => {
  const dateTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  expect(describeTimelineEvent(event as TimelineEventDto, labelsFor('es'), { dateTime }).body).toMatch(/reprogramada: 2026-03-09 09:00 → 2026-03-10 11:30$/);
  expect(describeTimelineEvent(event as TimelineEventDto, labelsFor('en'), { dateTime }).body).toMatch(/rescheduled: 2026-03-09 09:00 → 2026-03-10 11:30$/);
  // The first schedule says for when and whom; a request, what it proposed.
  const personName = (id: string) => (id === f.tec1.id ? 'Tomás Técnico' : null);
  expect(describeTimelineEvent(firstSchedule as TimelineEventDto, labelsFor('es'), { dateTime, personName }).body).toMatch(/\nProgramada para: 2026-03-09 09:00 · Tomás Técnico$/);
  expect(describeTimelineEvent(firstSchedule as TimelineEventDto, labelsFor('en'), { dateTime, personName }).body).toMatch(/\nScheduled for: 2026-03-09 09:00 · Tomás Técnico$/);
  expect(describeTimelineEvent(proposedRequest as TimelineEventDto, labelsFor('en'), { dateTime, personName }).body).toMatch(/\nProposed: 2026-03-11 08:00 · Tomás Técnico$/);
});
