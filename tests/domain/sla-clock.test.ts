// The SLA clock (shared/sla.ts): calendar time from creation, paused while En espera, a reopen resumes the resolution
// clock, targets follow the current priority; and the due day as the company clock shows it (zones, DST).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_TARGETS,
  computeTicketSla,
  currentSlaClock,
  slaClockState,
  slaRemainingMs,
  slaTargetsProblem,
  type SlaEventInput,
  type SlaTicketInput,
} from '../../shared/sla';
import { slaDueWhen } from '../../electron/contract/slaDue';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const STAFF = 'user-1';

const ticket = (over: Partial<SlaTicketInput> = {}): SlaTicketInput => ({ createdAt: at(0), status: 'open', priority: 'high', ...over });
const created = (): SlaEventInput => ({ eventType: 'created', authorId: STAFF, createdAt: at(0), metaData: null });
const move = (hours: number, from: string, to: string): SlaEventInput => ({ eventType: 'status_change', authorId: STAFF, createdAt: at(hours), metaData: { from, to } });
const note = (hours: number): SlaEventInput => ({ eventType: 'note', authorId: STAFF, createdAt: at(hours), metaData: null });
const contact = (hours: number, authorId: string | null = STAFF): SlaEventInput => ({ eventType: 'contact', authorId, createdAt: at(hours), metaData: { channel: 'phone' } });
const close = (hours: number, from = 'in_progress'): SlaEventInput => ({ eventType: 'closed', authorId: STAFF, createdAt: at(hours), metaData: { from, to: 'closed' } });
const reopen = (hours: number): SlaEventInput => ({ eventType: 'reopened', authorId: STAFF, createdAt: at(hours), metaData: { from: 'closed', to: 'open' } });

describe('SLA clock', () => {
  it('never throws on rows another copy sent with bad times or an unknown priority: no clock, or the event skipped', () => {
    const unknownCreation = computeTicketSla(ticket({ createdAt: 'ayer' }), [created()], DEFAULT_SLA_TARGETS);
    expect(unknownCreation.response).toMatchObject({ dueAt: null, since: null, outcome: null });
    const badEvent = computeTicketSla(ticket(), [created(), { ...contact(1), createdAt: 'x' }, contact(2)], DEFAULT_SLA_TARGETS);
    expect(badEvent.response.outcome).toBe('met');
    const oddPriority = computeTicketSla(ticket({ priority: 'extreme' as SlaTicketInput['priority'] }), [created()], DEFAULT_SLA_TARGETS);
    expect(oddPriority.response.targetMinutes).toBe(DEFAULT_SLA_TARGETS.medium.responseMinutes);
  });

  it('runs from the creation: high is due in 4 h (response) and 24 h (resolution), at risk in the last quarter', () => {
    const sla = computeTicketSla(ticket(), [created()], DEFAULT_SLA_TARGETS);
    expect(sla.response).toMatchObject({ dueAt: at(4), riskAt: at(3), since: at(0), outcome: null });
    expect(sla.resolution).toMatchObject({ dueAt: at(24), riskAt: at(18) });
    expect(slaClockState(sla.response, T0 + 2.9 * H)).toBe('ok');
    expect(slaClockState(sla.response, T0 + 3 * H)).toBe('at_risk');
    expect(slaClockState(sla.response, T0 + 4 * H)).toBe('breached');
    expect(slaRemainingMs(sla.response, T0 + 5 * H)).toBe(-H);
  });

  it('first response: a note is internal; a contact by a person answers it, met within the target', () => {
    const sla = computeTicketSla(ticket(), [created(), note(1), contact(2, null), contact(3)], DEFAULT_SLA_TARGETS);
    expect(sla.response).toMatchObject({ doneAt: at(3), outcome: 'met', elapsedMs: 3 * H, since: null });
    expect(slaClockState(sla.response, T0 + 10 * H)).toBe('met');
    expect(currentSlaClock(sla).kind).toBe('resolution');
  });

  it('a response after the target is missed; the status move counts as a response', () => {
    const sla = computeTicketSla(ticket({ status: 'in_progress' }), [created(), move(5, 'open', 'in_progress')], DEFAULT_SLA_TARGETS);
    expect(sla.response).toMatchObject({ doneAt: at(5), outcome: 'missed', dueAt: at(4) });
  });

  it('pauses while En espera: the hours waiting do not count, and the due moves by them', () => {
    const events = [created(), move(1, 'open', 'in_progress'), move(2, 'in_progress', 'waiting'), move(12, 'waiting', 'in_progress')];
    const sla = computeTicketSla(ticket({ status: 'in_progress' }), events, DEFAULT_SLA_TARGETS);
    expect(sla.resolution).toMatchObject({ elapsedMs: 2 * H, since: at(12), dueAt: at(34), riskAt: at(28) });
    const waiting = computeTicketSla(ticket({ status: 'waiting' }), events.slice(0, 3), DEFAULT_SLA_TARGETS);
    expect(waiting.resolution).toMatchObject({ since: null, dueAt: null, riskAt: null, elapsedMs: 2 * H });
    expect(slaClockState(waiting.resolution, T0 + 100 * H)).toBe('paused');
    expect(slaRemainingMs(waiting.resolution, T0 + 100 * H)).toBe(22 * H);
  });

  it('a clock that ran out before the pause stays breached while paused', () => {
    const events = [created(), move(1, 'open', 'in_progress'), move(30, 'in_progress', 'waiting')];
    const sla = computeTicketSla(ticket({ status: 'waiting' }), events, DEFAULT_SLA_TARGETS);
    expect(sla.resolution.dueAt).toBe(at(24));
    expect(slaClockState(sla.resolution, T0 + 40 * H)).toBe('breached');
  });

  it('the close ends the resolution clock (met); a reopen resumes it without the closed hours; the last close decides', () => {
    const first = [created(), move(1, 'open', 'in_progress'), close(10)];
    const closed = computeTicketSla(ticket({ status: 'closed' }), first, DEFAULT_SLA_TARGETS);
    expect(closed.resolution).toMatchObject({ outcome: 'met', doneAt: at(10), elapsedMs: 10 * H, since: null });
    const reopened = computeTicketSla(ticket({ status: 'open' }), [...first, reopen(100)], DEFAULT_SLA_TARGETS);
    expect(reopened.resolution).toMatchObject({ outcome: null, elapsedMs: 10 * H, since: at(100), dueAt: at(114) });
    expect(slaClockState(reopened.resolution, T0 + 101 * H)).toBe('ok');
    const closedLate = computeTicketSla(ticket({ status: 'closed' }), [...first, reopen(100), close(120, 'open')], DEFAULT_SLA_TARGETS);
    expect(closedLate.resolution).toMatchObject({ outcome: 'missed', elapsedMs: 30 * H, dueAt: at(114) });
  });

  it('a priority change recomputes from the creation with the new targets', () => {
    const events = [created(), { eventType: 'priority_change', authorId: STAFF, createdAt: at(2), metaData: { from: 'high', to: 'critical' } } as SlaEventInput];
    const high = computeTicketSla(ticket({ priority: 'high' }), events, DEFAULT_SLA_TARGETS);
    const critical = computeTicketSla(ticket({ priority: 'critical' }), events, DEFAULT_SLA_TARGETS);
    expect(high.response.dueAt).toBe(at(4));
    expect(critical.response.dueAt).toBe(at(1));
    expect(slaClockState(critical.response, T0 + 2 * H)).toBe('breached');
    expect(critical.resolution.dueAt).toBe(at(8));
  });

  it("the ticket's own status decides the tail (a merge that left no event), and events stamped before the creation count from it", () => {
    const sla = computeTicketSla(ticket({ status: 'waiting' }), [{ ...contact(-5) }], DEFAULT_SLA_TARGETS);
    expect(sla.response).toMatchObject({ doneAt: at(0), outcome: 'met', elapsedMs: 0 });
    expect(slaClockState(sla.resolution, T0 + 50 * H)).toBe('paused');
    const closedByMerge = computeTicketSla(ticket({ status: 'closed' }), [created(), note(3)], DEFAULT_SLA_TARGETS);
    expect(closedByMerge.resolution).toMatchObject({ outcome: 'met', doneAt: at(3) });
    expect(closedByMerge.response).toMatchObject({ outcome: 'met', doneAt: at(3) });
  });

  it('calendar time across a DST change: 24 h of clock is 24 real hours, so the wall clock shows one hour more', () => {
    // Europe/Madrid moves from +01:00 to +02:00 at 2026-03-29 01:00 UTC.
    const createdAt = '2026-03-28T10:00:00.000Z'; // 11:00 in Madrid
    const sla = computeTicketSla({ createdAt, status: 'open', priority: 'high' }, [], DEFAULT_SLA_TARGETS);
    expect(sla.resolution.dueAt).toBe('2026-03-29T10:00:00.000Z');
    expect(slaDueWhen('Europe/Madrid', sla.resolution.dueAt!, Date.parse(createdAt))).toEqual({ relativeDay: 'tomorrow', date: '2026-03-29', time: '12:00', otherYear: false });
  });

  it('the due day is the company day: today in Madrid can be tomorrow in UTC, yesterday across zones', () => {
    const now = Date.parse('2026-06-10T20:00:00.000Z'); // 22:00 in Madrid, 15:00 in Mexico City
    const due = '2026-06-10T22:30:00.000Z'; // 00:30 on the 11th in Madrid, 22:30 on the 10th in UTC
    expect(slaDueWhen('Europe/Madrid', due, now)).toEqual({ relativeDay: 'tomorrow', date: '2026-06-11', time: '00:30', otherYear: false });
    expect(slaDueWhen('UTC', due, now)).toEqual({ relativeDay: 'today', date: '2026-06-10', time: '22:30', otherYear: false });
    expect(slaDueWhen('America/Mexico_City', due, now)).toEqual({ relativeDay: 'today', date: '2026-06-10', time: '16:30', otherYear: false });
    expect(slaDueWhen('Europe/Madrid', '2026-06-09T10:00:00.000Z', now).relativeDay).toBe('yesterday');
    expect(slaDueWhen('Europe/Madrid', '2026-06-20T10:00:00.000Z', now)).toEqual({ relativeDay: null, date: '2026-06-20', time: '12:00', otherYear: false });
  });

  it('a due in another year than now, on the company clock, says so (a 2024 due must not read as this month)', () => {
    const now = Date.parse('2026-06-10T20:00:00.000Z');
    expect(slaDueWhen('Europe/Madrid', '2024-12-23T19:54:00.000Z', now)).toMatchObject({ relativeDay: null, date: '2024-12-23', otherYear: true });
    // 31 Dec 23:30 UTC is already 1 Jan in Madrid: "mañana", in the next year.
    const newYearsEve = Date.parse('2026-12-31T12:00:00.000Z');
    expect(slaDueWhen('Europe/Madrid', '2026-12-31T23:30:00.000Z', newYearsEve)).toMatchObject({ relativeDay: 'tomorrow', date: '2027-01-01', otherYear: true });
    expect(slaDueWhen('UTC', '2026-12-31T23:30:00.000Z', newYearsEve)).toMatchObject({ relativeDay: 'today', otherYear: false });
  });

  it('targets: whole minutes in range, response no later than resolution', () => {
    expect(slaTargetsProblem(DEFAULT_SLA_TARGETS)).toBeNull();
    expect(slaTargetsProblem({ ...DEFAULT_SLA_TARGETS, low: { responseMinutes: 0, resolutionMinutes: 10 } })).toMatchObject({ priority: 'low', reason: 'sla_target_out_of_range' });
    expect(slaTargetsProblem({ ...DEFAULT_SLA_TARGETS, high: { responseMinutes: 600, resolutionMinutes: 300 } })).toMatchObject({
      priority: 'high',
      reason: 'sla_response_after_resolution',
    });
  });
});
