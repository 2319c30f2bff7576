// The SLA clock of a ticket, derived only from the ticket and its timeline, so every copy (and the renderer's live
// countdown) computes the same answer. Pure: no Node, no DOM, no database.
//
// Definitions (also in the README):
// - Both clocks run on calendar time from the ticket's creation and stand still while the ticket is En espera
//   ('waiting') or closed; a reopen starts the resolution clock again where it stopped.
// - First response: the first event, by a person, that is a contact with the customer, a status move, an OT
//   requested or the close (RESPONSE_EVENTS). Notes, assignments, priority changes and telemetry are internal.
// - Resolution: the close. Reopened and closed again, the last close counts, with every running stretch added up.
// - Targets follow the ticket's current priority: a priority change recomputes both clocks from the creation.
// - A clock is at risk when less than a quarter of its target is left, breached once the target is used up.
import type { TicketPriority, TicketStatus, TimelineEventType } from './enums';
import { TICKET_PRIORITIES } from './enums';

export interface SlaTarget {
  /** Minutes of running clock to the first response. */
  responseMinutes: number;
  /** Minutes of running clock to the close. */
  resolutionMinutes: number;
}
export type SlaTargets = Record<TicketPriority, SlaTarget>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  critical: { responseMinutes: 60, resolutionMinutes: 8 * 60 },
  high: { responseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  medium: { responseMinutes: 8 * 60, resolutionMinutes: 72 * 60 },
  low: { responseMinutes: 24 * 60, resolutionMinutes: 168 * 60 },
};

/** A target is at least a minute and at most 90 days: more is no promise at all. */
export const SLA_TARGET_MIN_MINUTES = 1;
export const SLA_TARGET_MAX_MINUTES = 90 * 24 * 60;
/** At risk: less than this share of the target is left. */
export const SLA_AT_RISK_SHARE = 0.25;

export const SLA_STATES = ['ok', 'at_risk', 'breached', 'met', 'missed', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];
/** What the ticket list filters by: the clock that matters now is past its target, or in its last quarter. */
export const SLA_FILTERS = ['breached', 'at_risk'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

export const RESPONSE_EVENTS: readonly TimelineEventType[] = ['contact', 'status_change', 'ot_created', 'closed'];
/** The events that move a clock: the status moves and the ones that answer the customer (a partial index holds them). */
export const CLOCK_EVENTS: readonly TimelineEventType[] = [...new Set<TimelineEventType>([...RESPONSE_EVENTS, 'status_change', 'closed', 'reopened'])];

export interface SlaTicketInput {
  createdAt: string;
  status: TicketStatus;
  priority: TicketPriority;
}

export interface SlaEventInput {
  eventType: TimelineEventType;
  authorId: string | null;
  createdAt: string;
  metaData: Record<string, unknown> | null;
}

export interface SlaClock {
  targetMinutes: number;
  /** Running time used up to `since` (or to the end when done), in ms. */
  elapsedMs: number;
  /** Running since this instant; null while paused or done. */
  since: string | null;
  /** When the target is (or was) used up: projected while running, fixed once crossed; null while paused before it. */
  dueAt: string | null;
  /** When less than a quarter is left, while running and not crossed; else null. */
  riskAt: string | null;
  /** The first response, or the close. */
  doneAt: string | null;
  outcome: 'met' | 'missed' | null;
}

export interface TicketSla {
  response: SlaClock;
  resolution: SlaClock;
}

const MINUTE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const runs = (status: TicketStatus) => status !== 'waiting' && status !== 'closed';

function statusAfter(event: SlaEventInput): TicketStatus | null {
  if (event.eventType === 'closed') return 'closed';
  if (event.eventType !== 'status_change' && event.eventType !== 'reopened') return null;
  const to = event.metaData?.to;
  return typeof to === 'string' && (['open', 'in_progress', 'waiting', 'closed'] as string[]).includes(to) ? (to as TicketStatus) : null;
}

const isResponse = (event: SlaEventInput) => event.authorId !== null && RESPONSE_EVENTS.includes(event.eventType);

/** One clock being walked along the timeline. */
class ClockWalk {
  elapsed = 0;
  crossedAt: number | null = null;
  doneAt: number | null = null;
  outcome: 'met' | 'missed' | null = null;
  constructor(readonly targetMinutes: number) {}

  get targetMs(): number {
    return this.targetMinutes * MINUTE_MS;
  }

  /** Adds the running stretch [from, to). */
  run(from: number, to: number): void {
    if (this.outcome || to <= from) return;
    if (this.crossedAt === null && this.elapsed + (to - from) >= this.targetMs) this.crossedAt = from + (this.targetMs - this.elapsed);
    this.elapsed += to - from;
  }

  finish(at: number): void {
    this.doneAt = at;
    this.outcome = this.elapsed <= this.targetMs ? 'met' : 'missed';
  }

  reopen(): void {
    this.doneAt = null;
    this.outcome = null;
  }

  result(runningFrom: number | null): SlaClock {
    const running = runningFrom !== null && this.outcome === null;
    let dueAt = this.crossedAt;
    let riskAt: number | null = null;
    if (running && dueAt === null) {
      dueAt = runningFrom + (this.targetMs - this.elapsed);
      riskAt = dueAt - this.targetMs * SLA_AT_RISK_SHARE;
    }
    return {
      targetMinutes: this.targetMinutes,
      elapsedMs: this.elapsed,
      since: running ? iso(runningFrom) : null,
      dueAt: dueAt === null ? null : iso(dueAt),
      riskAt: riskAt === null ? null : iso(riskAt),
      doneAt: this.doneAt === null ? null : iso(this.doneAt),
      outcome: this.outcome,
    };
  }
}

/**
 * Both clocks of a ticket from its timeline, oldest event first. The statuses between events come from the events
 * (status_change, closed, reopened carry where the ticket went); after the last event the ticket's own status holds,
 * so a merge that settled the status without an event of its own still decides whether the clock runs now.
 */
export function computeTicketSla(ticket: SlaTicketInput, events: readonly SlaEventInput[], targets: SlaTargets): TicketSla {
  // Rows can arrive from other copies (sync) with anything in them: a clock is never a reason for a write to fail.
  const target = targets[ticket.priority] ?? DEFAULT_SLA_TARGETS[ticket.priority] ?? DEFAULT_SLA_TARGETS.medium;
  const response = new ClockWalk(target.responseMinutes);
  const resolution = new ClockWalk(target.resolutionMinutes);
  const created = Date.parse(ticket.createdAt);
  if (!Number.isFinite(created)) return { response: response.result(null), resolution: resolution.result(null) };
  let status: TicketStatus = 'open';
  let at = created;
  const advance = (to: number) => {
    if (runs(status)) {
      response.run(at, to);
      resolution.run(at, to);
    }
    at = Math.max(at, to);
  };
  for (const event of events) {
    // An event stamped before the creation (another laptop's clock) counts from the creation.
    const eventAt = Date.parse(event.createdAt);
    advance(Number.isFinite(eventAt) ? Math.max(eventAt, created) : at);
    if (!response.outcome && isResponse(event)) response.finish(at);
    const next = statusAfter(event);
    if (next === 'closed' && status !== 'closed') resolution.finish(at);
    if (next !== null && next !== 'closed' && status === 'closed') resolution.reopen();
    if (next !== null) status = next;
  }
  // The ticket's own status holds from the last event on.
  if (ticket.status === 'closed' && status !== 'closed') resolution.finish(at);
  if (ticket.status !== 'closed' && status === 'closed') resolution.reopen();
  status = ticket.status;
  // Closed without any response event (a merge, an import): the close ends the response clock too.
  if (status === 'closed' && !response.outcome) response.finish(at);
  const runningFrom = runs(status) ? at : null;
  return { response: response.result(runningFrom), resolution: resolution.result(runningFrom) };
}

/** The state of one clock at `nowMs`. */
export function slaClockState(clock: Pick<SlaClock, 'dueAt' | 'riskAt' | 'since' | 'outcome'>, nowMs: number): SlaState {
  if (clock.outcome) return clock.outcome;
  if (clock.dueAt !== null && nowMs >= Date.parse(clock.dueAt)) return 'breached';
  if (clock.since === null) return 'paused';
  if (clock.riskAt !== null && nowMs >= Date.parse(clock.riskAt)) return 'at_risk';
  return 'ok';
}

/** Running time used at `nowMs`, in ms. */
export function slaElapsedMs(clock: Pick<SlaClock, 'elapsedMs' | 'since'>, nowMs: number): number {
  return clock.elapsedMs + (clock.since === null ? 0 : Math.max(0, nowMs - Date.parse(clock.since)));
}

/** Running time left at `nowMs` (negative once breached), in ms. */
export function slaRemainingMs(clock: Pick<SlaClock, 'elapsedMs' | 'since' | 'targetMinutes'>, nowMs: number): number {
  return clock.targetMinutes * MINUTE_MS - slaElapsedMs(clock, nowMs);
}

/** The clock that matters now: the first response until it happens, then the resolution. */
export function currentSlaClock(sla: TicketSla): { kind: 'response' | 'resolution'; clock: SlaClock } {
  return sla.response.outcome === null ? { kind: 'response', clock: sla.response } : { kind: 'resolution', clock: sla.resolution };
}

/** The targets of every priority, each whole and in range, and the response no later than the resolution. */
export function slaTargetsProblem(targets: SlaTargets): { priority: TicketPriority; field: keyof SlaTarget; reason: string } | null {
  for (const priority of TICKET_PRIORITIES) {
    const target = targets[priority];
    for (const field of ['responseMinutes', 'resolutionMinutes'] as const) {
      const value = target?.[field];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < SLA_TARGET_MIN_MINUTES || value > SLA_TARGET_MAX_MINUTES) {
        return { priority, field, reason: 'sla_target_out_of_range' };
      }
    }
    if (target.responseMinutes > target.resolutionMinutes) return { priority, field: 'responseMinutes', reason: 'sla_response_after_resolution' };
  }
  return null;
}
