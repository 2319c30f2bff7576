// The close dialog's decisions (nothing chosen for the person) and how the bitácora words OTs settled by a close.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto, WorkOrderDetail } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { decisionsInput, draftsFor, isDecided, openWorkOrders, undecided } from '../../renderer/src/features/tickets/closeDecisionDrafts';
import { describeEvent, eventBody } from '../../renderer/src/features/tickets/timelineText';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: 'es' | 'en', ns: string) =>
  withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);
const translators = {} as Record<'es' | 'en', TFunction>;

beforeAll(async () => {
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: load(lang, 'common'), tickets: load(lang, 'tickets') } }, ns: ['common', 'tickets'], defaultNS: 'tickets', interpolation: { escapeValue: false } });
    translators[lang] = instance.t;
  }
});

const wo = (id: string, status: WorkOrderDetail['status'], notes: string | null = null) => ({ id, code: `OT-${id}`, status, version: 3, notes }) as WorkOrderDetail;

describe('close decisions', () => {
  const all = [wo('a', 'scheduled', 'Llevar la escalera'), wo('b', 'pending_planning'), wo('c', 'completed'), wo('d', 'cancelled')];
  const open = openWorkOrders(all);

  it('asks only about open OTs, with nothing chosen; the work done starts from the OT’s notes', () => {
    expect(open.map((w) => w.id)).toEqual(['a', 'b']);
    const drafts = draftsFor(open);
    expect(drafts).toEqual({ a: { action: null, workDone: 'Llevar la escalera', reason: '' }, b: { action: null, workDone: '', reason: '' } });
    expect(undecided(open, drafts).map((w) => w.id)).toEqual(['a', 'b']);
    expect(decisionsInput(open, drafts)).toEqual([]);
  });

  it('a choice counts once its words are there; blank words do not', () => {
    expect(isDecided({ action: 'complete', workDone: '   ', reason: '' })).toBe(false);
    expect(isDecided({ action: 'cancel', reason: '', workDone: 'Hecho' })).toBe(false);
    const drafts = draftsFor(open, { a: { action: 'complete', workDone: ' Válvula cambiada ', reason: '' }, b: { action: 'cancel', workDone: '', reason: 'Duplicada' } });
    expect(undecided(open, drafts)).toEqual([]);
    expect(decisionsInput(open, drafts)).toEqual([
      { id: 'a', version: 3, action: 'complete', workDone: 'Válvula cambiada' },
      { id: 'b', version: 3, action: 'cancel', reason: 'Duplicada' },
    ]);
  });
});

const event = (eventType: TimelineEventDto['eventType'], metaData: Record<string, unknown>): TimelineEventDto => ({
  id: 'e1',
  ticketId: 't1',
  eventType,
  content: 'texto',
  metaData,
  author: null,
  createdAt: '2026-03-02T09:00:00.000Z',
});
const format = { number: String, metric: (key: string) => key, duration: (s: number) => `${s} s`, durationChanged: (reason: string) => reason };

describe('the bitácora of a close that settled OTs', () => {
  const completedNoStart = event('ot_completed', { code: 'OT-1', from: 'scheduled', to: 'completed', totalDuration: null, notes: 'Purgado el circuito', closedWithTicket: true, withoutStart: true });
  const completed = event('ot_completed', { code: 'OT-2', from: 'in_progress', to: 'completed', totalDuration: 1200, notes: 'Vaso de expansión nuevo', closedWithTicket: true });
  const cancelled = event('ot_updated', { code: 'OT-3', from: 'pending_planning', to: 'cancelled', reason: 'Se resolvió por teléfono', closedWithTicket: true });

  it('says the OT was completed or cancelled at the close, and that a never-started one had no start', () => {
    const es = translators.es;
    expect(describeEvent(es, completedNoStart, [], format)).toBe('completó la OT-1 al cerrar el ticket, sin inicio registrado');
    expect(describeEvent(es, completed, [], format)).toBe('completó la OT-2 al cerrar el ticket');
    expect(describeEvent(es, cancelled, [], format)).toBe('canceló la OT-3 al cerrar el ticket');
    expect(describeEvent(translators.en, completedNoStart, [], format)).toBe('completed OT-1 when closing the ticket, never started');
    expect(describeEvent(translators.en, cancelled, [], format)).toBe('cancelled OT-3 when closing the ticket');
  });

  it('shows the work done and the reason as the body', () => {
    expect(eventBody(completedNoStart, format)).toBe('Purgado el circuito');
    expect(eventBody(completed, format)).toBe('Vaso de expansión nuevo');
    expect(eventBody(cancelled, format)).toBe('Se resolvió por teléfono');
    // An ordinary cancel shows its reason too; other OT moves have no body.
    expect(eventBody(event('ot_updated', { code: 'OT-4', from: 'scheduled', to: 'cancelled', reason: 'El cliente anula' }), format)).toBe('El cliente anula');
    expect(eventBody(event('ot_updated', { code: 'OT-4', from: 'scheduled', to: 'in_progress' }), format)).toBeNull();
  });

  it('the ticket PDF says the same in the report’s language, from meta_data', () => {
    const es = labelsFor('es');
    const en = labelsFor('en');
    expect(describeTimelineEvent({ ...completedNoStart, content: 'OT-1: Programada → Completada al cerrar el ticket, sin inicio registrado' }, es).body).toBe(
      'OT-1: Programada → Completada al cerrar el ticket, sin inicio registrado\nTrabajo realizado: Purgado el circuito',
    );
    expect(describeTimelineEvent(completed, en).body).toBe('OT-2: In progress → Completed when closing the ticket · 20m\nWork done: Vaso de expansión nuevo');
    expect(describeTimelineEvent(cancelled, es).body).toBe('OT-3: Por planificar → Cancelada al cerrar el ticket\nMotivo: Se resolvió por teléfono');
    expect(describeTimelineEvent(event('ot_updated', { code: 'OT-4', from: 'scheduled', to: 'cancelled', reason: 'El cliente anula' }), en).body).toContain('Reason: El cliente anula');
  });
});
