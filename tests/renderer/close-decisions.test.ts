// The close dialog's decisions (nothing chosen for the person) and how the bitácora words OTs settled by a close.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto, WorkOrderDetail } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { decisionsInput, draftsFor, isDecided, missingByPart, openWorkOrders, undecided, type DecisionDraft } from '../../renderer/src/features/tickets/closeDecisionDrafts';
import { describeEvent, eventBody } from '../../renderer/src/features/tickets/timelineText';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
});

const wo = (id: string, status: WorkOrderDetail['status'], workDone: string | null = null, startedAt: string | null = null) =>
  ({ id, code: `OT-${id}`, status, version: 3, workDone, startedAt }) as WorkOrderDetail;
/** A draft with no duration measured nor typed. */
const draft = (fields: Pick<DecisionDraft, 'action' | 'workDone' | 'reason'> & Partial<DecisionDraft>): DecisionDraft => ({ measuredMinutes: null, minutes: '', durationReason: '', ...fields });

describe('close decisions', () => {
  const all = [wo('a', 'scheduled', 'Llevar la escalera'), wo('b', 'pending_planning'), wo('c', 'completed'), wo('d', 'cancelled')];
  const open = openWorkOrders(all);

  it('asks only about open OTs, with nothing chosen; the work done starts from the OT’s saved work done', () => {
    expect(open.map((w) => w.id)).toEqual(['a', 'b']);
    const drafts = draftsFor(open);
    expect(drafts).toEqual({ a: draft({ action: null, workDone: 'Llevar la escalera', reason: '' }), b: draft({ action: null, workDone: '', reason: '' }) });
    expect(undecided(open, drafts).map((w) => w.id)).toEqual(['a', 'b']);
    expect(decisionsInput(open, drafts)).toEqual([]);
  });

  it('a choice counts once its words are there; blank words do not', () => {
    expect(isDecided(draft({ action: 'complete', workDone: '   ', reason: '' }))).toBe(false);
    expect(isDecided(draft({ action: 'cancel', reason: '', workDone: 'Hecho' }))).toBe(false);
    const drafts = draftsFor(open, { a: draft({ action: 'complete', workDone: ' Válvula cambiada ', reason: '' }), b: draft({ action: 'cancel', workDone: '', reason: 'Duplicada' }) });
    expect(undecided(open, drafts)).toEqual([]);
    expect(decisionsInput(open, drafts)).toEqual([
      { id: 'a', version: 3, action: 'complete', workDone: 'Válvula cambiada' },
      { id: 'b', version: 3, action: 'cancel', reason: 'Duplicada' },
    ]);
  });

  // The newcomer's trial: OT-…427, en curso since 9 Nov, was completed at the close with 542 h 5 min.
  it('an OT in progress starts from its measured time; a different figure is sent with its reason, as on the OT', () => {
    const openedAt = Date.parse('2026-12-01T14:05:00.000Z');
    const running = wo('r', 'in_progress', null, '2026-11-09T00:00:00.000Z');
    const [first] = Object.values(draftsFor([running], {}, openedAt));
    expect(first).toEqual(draft({ action: null, workDone: '', reason: '', measuredMinutes: 542 * 60 + 5, minutes: String(542 * 60 + 5) }));
    const chosen = { ...first!, action: 'complete' as const, workDone: 'Prueba de 30 min' };
    // Left as measured: nothing typed is sent, the service measures.
    expect(decisionsInput([running], { r: chosen })).toEqual([{ id: 'r', version: 3, action: 'complete', workDone: 'Prueba de 30 min' }]);
    // Changed: not decided until the reason is there.
    const changed = { ...chosen, minutes: '30' };
    expect(isDecided(changed)).toBe(false);
    expect(undecided([running], { r: changed }).map((w) => w.id)).toEqual(['r']);
    expect(decisionsInput([running], { r: { ...changed, durationReason: ' Se quedó en curso ' } })).toEqual([
      { id: 'r', version: 3, action: 'complete', workDone: 'Prueba de 30 min', totalDuration: 1800, durationReason: 'Se quedó en curso' },
    ]);
    expect(isDecided({ ...chosen, minutes: '-5', durationReason: 'x' })).toBe(false);
  });

  // The newcomer's trial: "Falta decidir: OT-…" while the OT was decided and only its words were missing.
  it('says what each undecided OT still lacks, grouped, in the dialog\'s order', () => {
    const six = [wo('p', 'scheduled'), wo('q', 'scheduled'), wo('r', 'scheduled'), wo('s', 'scheduled'), wo('t', 'scheduled'), wo('u', 'scheduled')];
    const drafts = draftsFor(six, {
      p: draft({ action: 'cancel', workDone: '', reason: ' ' }),
      q: draft({ action: 'complete', workDone: '', reason: '' }),
      s: draft({ action: 'complete', workDone: 'Hecho', reason: '', minutes: '15' }),
      t: draft({ action: 'complete', workDone: 'Hecho', reason: '', minutes: 'quince', durationReason: 'x' }),
      u: draft({ action: 'complete', workDone: 'Hecho', reason: '' }),
    });
    expect(missingByPart(six, drafts)).toEqual([
      { part: 'choice', codes: ['OT-r'] },
      { part: 'workDone', codes: ['OT-q'] },
      { part: 'duration', codes: ['OT-t'] },
      { part: 'durationReason', codes: ['OT-s'] },
      { part: 'reason', codes: ['OT-p'] },
    ]);
    expect(missingByPart(six, { ...drafts, r: draft({ action: 'cancel', workDone: '', reason: 'Duplicada' }), p: draft({ action: 'cancel', workDone: '', reason: 'Duplicada' }) }).map((g) => g.part)).toEqual([
      'workDone',
      'duration',
      'durationReason',
    ]);
    expect(missingByPart([six[5]!], { u: drafts.u! })).toEqual([]);
  });

  it('a never-started OT has no duration unless one is typed, and then it needs the reason too', () => {
    const scheduled = wo('s', 'scheduled');
    const blank = { ...draftsFor([scheduled], {}, 0).s!, action: 'complete' as const, workDone: 'Purgado' };
    expect(blank).toMatchObject({ measuredMinutes: null, minutes: '' });
    expect(decisionsInput([scheduled], { s: blank })).toEqual([{ id: 's', version: 3, action: 'complete', workDone: 'Purgado' }]);
    expect(isDecided({ ...blank, minutes: '15' })).toBe(false);
    expect(decisionsInput([scheduled], { s: { ...blank, minutes: '15', durationReason: 'No se pulsó Iniciar' } })).toEqual([
      { id: 's', version: 3, action: 'complete', workDone: 'Purgado', totalDuration: 900, durationReason: 'No se pulsó Iniciar' },
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

  it('a duration typed at the close says why, on screen and in the PDF, after the work done', () => {
    const typed = event('ot_completed', {
      code: 'OT-5',
      from: 'in_progress',
      to: 'completed',
      totalDuration: 1800,
      measuredDuration: 1_951_500,
      durationReason: 'Se quedó en curso desde la visita',
      notes: 'Prueba de 30 min',
      closedWithTicket: true,
    });
    expect(eventBody(typed, { ...format, durationChanged: (reason: string, measured: string | null) => `${reason} (${measured})` })).toBe('Prueba de 30 min\nSe quedó en curso desde la visita (1951500 s)');
    const body = describeTimelineEvent(typed, labelsFor('es')).body;
    expect(body.split('\n')[0]).toBe('OT-5: En curso → Completada al cerrar el ticket · 30 min');
    expect(body).toContain('Se quedó en curso desde la visita');
    expect(body).toContain('542 h 5 min');
    expect(body).toContain('Trabajo realizado: Prueba de 30 min');
  });
});
