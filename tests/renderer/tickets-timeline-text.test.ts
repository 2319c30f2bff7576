// The bitácora's wording per event type, the list filters and the allowed status moves, in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, TIMELINE_EVENT_TYPES, type DirectoryUser, type TimelineEventDto, type TimelineEventType } from '../../electron/contract';
import { filterInput, tabCount, EMPTY_FILTERS } from '../../renderer/src/features/tickets/filters';
import { describeEvent, eventBody } from '../../renderer/src/features/tickets/timelineText';
import { nextTicketStatuses as nextStatuses } from '../../shared/tickets';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
});

const users: DirectoryUser[] = [{ id: 'u-lucia', fullName: 'Lucía Martín', username: 'lmartin', roleName: 'Técnico', isActive: true, canExecuteWorkOrders: true }];

/** A realistic meta_data per type, shaped as the services write it. */
const META: Record<TimelineEventType, Record<string, unknown> | null> = {
  created: { code: 'TK-2026-000001', priority: 'high', assignedToId: null },
  note: null,
  status_change: { from: 'open', to: 'in_progress' },
  priority_change: { from: 'medium', to: 'critical' },
  assignment: { from: null, to: 'u-lucia' },
  contact: { channel: 'whatsapp', contactName: 'Manuel Ruiz' },
  ot_created: { workOrder: { code: 'OT-2026-000003', otType: 'repair', status: 'pending_planning' } },
  ot_updated: { code: 'OT-2026-000003', from: 'scheduled', to: 'in_progress' },
  ot_completed: { code: 'OT-2026-000003', from: 'in_progress', to: 'completed' },
  telemetry: { via: 'manual', readings: [{ metric: 'temperature', value: 3.5, unit: '°C' }, { metric: 'voltage', value: 229, unit: 'V' }] },
  closed: { from: 'waiting', to: 'closed', resolution: 'Cambiado el presostato.' },
  reopened: { from: 'closed', to: 'open', reason: 'El cliente volvió a llamar.' },
};

const event = (eventType: TimelineEventType, metaData = META[eventType], content = 'texto'): TimelineEventDto => ({
  id: `e-${eventType}`,
  ticketId: 't1',
  eventType,
  content,
  metaData,
  author: null,
  createdAt: '2026-03-02T09:00:00.000Z',
});

describe('bitácora wording', () => {
  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: every event type reads as a sentence, with no raw key or placeholder left`, () => {
      const t = translators[lang];
      const sentences = TIMELINE_EVENT_TYPES.map((type) => describeEvent(t, event(type), users));
      for (const sentence of sentences) {
        expect(sentence).not.toMatch(/timeline\.|common:|\{\{|undefined/);
        expect(sentence.length).toBeGreaterThan(5);
      }
      expect(new Set(sentences).size).toBe(sentences.length);
    });
  }

  it('names the moves, the people and the channels in Spanish', () => {
    const t = translators.es;
    expect(describeEvent(t, event('status_change'), users)).toBe('cambió el estado de Abierto a En curso');
    expect(describeEvent(t, event('priority_change'), users)).toBe('cambió la prioridad de Media a Crítica');
    expect(describeEvent(t, event('assignment'), users)).toBe('asignó el ticket a Lucía Martín');
    expect(describeEvent(t, event('assignment', { from: 'u-lucia', to: null }), users)).toBe('quitó el ticket a Lucía Martín');
    // Whoever had it is not known here (a user of another copy not synced yet): the plain words.
    expect(describeEvent(t, event('assignment', { from: 'u-otro', to: null }), users)).toBe('quitó la asignación');
    expect(describeEvent(t, event('contact'), users)).toBe('registró un contacto por WhatsApp con Manuel Ruiz');
    expect(describeEvent(t, event('ot_created'), users)).toBe('solicitó una visita (Reparación): OT-2026-000003');
    expect(describeEvent(t, event('ot_updated'), users)).toBe('pasó la OT-2026-000003 de Programada a En curso');
    expect(describeEvent(t, event('note', { kind: 'edit', changes: {} }), users)).toBe('editó el ticket');
    const edit = { kind: 'edit', changes: { title: { from: 'a', to: 'b' }, categoryId: { from: null, to: 'c1' } } };
    expect(describeEvent(t, event('note', edit), users)).toBe('editó el ticket: asunto, categoría');
  });

  it('words the same events in English', () => {
    const t = translators.en;
    expect(describeEvent(t, event('status_change'), users)).toBe('changed the status from Open to In progress');
    expect(describeEvent(t, event('contact', { channel: 'phone' }), users)).toBe('logged a contact by Phone');
    expect(describeEvent(t, event('ot_completed'), users)).toBe('completed OT-2026-000003');
    expect(describeEvent(t, event('telemetry'), users)).toBe('recorded 2 readings');
    expect(describeEvent(translators.es, event('telemetry', { readings: [{ metric: 'signal', value: -70, unit: 'dBm' }] }), users)).toBe('registró una lectura');
  });

  it('shows the user’s own words as the body: note, contact, resolution, reason, reading', () => {
    const format = {
      number: (n: number) => String(n).replace('.', ','),
      metric: (key: string) => ({ temperature: 'Temperatura', voltage: 'Voltaje' })[key] ?? key,
      duration: (seconds: number) => `${seconds} s`,
      durationChanged: (reason: string) => reason,
    };
    expect(eventBody(event('note', null, 'Llamé al cliente'), format)).toBe('Llamé al cliente');
    expect(eventBody(event('closed', META.closed, 'Ticket cerrado: Cambiado el presostato.'), format)).toBe('Cambiado el presostato.');
    expect(eventBody(event('reopened'), format)).toBe('El cliente volvió a llamar.');
    expect(eventBody(event('telemetry'), format)).toBe('Temperatura: 3,5 °C · Voltaje: 229 V');
    // The ticket reply's form (issue 17): a summary per metric; many readings read as their range.
    const summary = {
      count: 1002,
      moreMetrics: 0,
      metrics: [
        { metric: 'temperature', unit: '°C', count: 1000, min: 3.5, max: 41.2, last: { value: 20, measuredAt: '2026-03-02T08:00:00.000Z' } },
        { metric: 'voltage', unit: 'V', count: 2, min: 229, max: 229, last: { value: 229, measuredAt: '2026-03-02T08:00:00.000Z' } },
      ],
    };
    expect(eventBody(event('telemetry', { via: 'import', summary }), format)).toBe('Temperatura: 3,5 – 41,2 °C · Voltaje: 229 V');
    expect(describeEvent(translators.es, event('telemetry', { via: 'import', summary }), users)).toBe('registró 1002 lecturas');
    expect(eventBody(event('status_change'), format)).toBeNull();
    expect(eventBody(event('note', { kind: 'edit', changes: {} }), format)).toBeNull();
  });
});

describe('ticket list filters', () => {
  it('sends only the filters that are set, with the search trimmed', () => {
    expect(filterInput(EMPTY_FILTERS)).toEqual({});
    expect(filterInput({ ...EMPTY_FILTERS, priority: 'high', assignee: 'me', q: '  caldera ' })).toEqual({ priority: 'high', assignedToId: 'me', q: 'caldera' });
    expect(filterInput({ ...EMPTY_FILTERS, q: '   ' })).toEqual({});
  });

  it('adds the tab counts from the per-status counts', () => {
    const counts = { counts: { open: 3, in_progress: 2, waiting: 1, closed: 7 }, capped: [] };
    expect(tabCount(counts, 'active')).toEqual({ count: 6, atLeast: false });
    expect(tabCount(counts, 'closed')).toEqual({ count: 7, atLeast: false });
    expect(tabCount(counts, 'all')).toEqual({ count: 13, atLeast: false });
    expect(tabCount(null, 'all')).toBeNull();
  });
});

describe('status moves offered', () => {
  it('follow the state machine: open ⇄ in_progress ⇄ waiting, nothing from closed (reopen has its own action)', () => {
    expect(nextStatuses('open')).toEqual(['in_progress']);
    expect(nextStatuses('in_progress')).toEqual(['open', 'waiting']);
    expect(nextStatuses('waiting')).toEqual(['in_progress']);
    expect(nextStatuses('closed')).toEqual([]);
    for (const status of TICKET_STATUSES) expect(nextStatuses(status)).not.toContain(status);
  });
});
