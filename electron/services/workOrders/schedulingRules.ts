// Scheduling rules (issue 16 part 2): a plan names a technician who may execute OTs, a date that is not in the past
// (unless it records a visit already made), and a time the technician has free (unless the person confirms the
// overlap). Each refusal is an AppError with a reason, thrown before anything is written.
import type { WorkOrderType } from '../../../shared/enums';
import { AppError } from '../../contract';
import { effectiveMinutes, overlappingBookings, bookingEnd, PAST_GRACE_MS, type Booking, type ScheduleClash } from '../../contract/scheduling';
import { localDateOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import type { AppDb } from '../../../db/open';
import type { ServiceContext } from '../context';
import { readSetting } from '../settings';
import { prepared } from '../sql';

/** One visit being planned: this OT (null while it is being created) for this technician at this date. */
export interface PlannedVisit {
  workOrderId: string | null;
  code: string;
  otType: WorkOrderType;
  technicianId: string | null;
  scheduledDate: string | null;
  estimatedMinutes: number | null;
}

export interface PlanConfirmations {
  /** The person saw the clashing visits and books anyway. */
  confirmOverlap?: boolean | undefined;
  /** The date is in the past because the visit already happened and is being recorded. */
  recordsPastVisit?: boolean | undefined;
}

/** What the timeline records about a plan the rules let through only because the person said so. */
export interface PlanNotes {
  overlapConfirmed?: string[];
  recordsPastVisit?: true;
}

/**
 * What an OT that ends (completed or cancelled) writes to keep its planned length: one on its type's usual length takes
 * that length now, so changing the usual length later no longer reshapes visits made. Not at the start: a laptop
 * starting offline would write its default over an estimate the office set meanwhile (last writer wins per field).
 */
export function keptEstimate(ctx: ServiceContext, row: { estimatedMinutes: number | null; otType: WorkOrderType }): { estimatedMinutes?: number } {
  if (row.estimatedMinutes !== null) return {};
  return { estimatedMinutes: effectiveMinutes(null, row.otType, readSetting(ctx.sqlite, 'workOrderDefaultMinutes')) };
}

export function assertNotInPast(ctx: ServiceContext, scheduledDate: string, confirmations: PlanConfirmations): PlanNotes {
  const now = ctx.clock.now().getTime();
  if (Date.parse(scheduledDate) >= now - PAST_GRACE_MS) return {};
  if (confirmations.recordsPastVisit) return { recordsPastVisit: true };
  const zone = companyTimeZone(ctx.sqlite);
  throw new AppError('VALIDATION', `the date ${scheduledDate} is in the past; say that it records a visit already made`, {
    reason: 'scheduled_in_past',
    field: 'scheduledDate',
    scheduledDate,
    now: new Date(now).toISOString(),
    // Today at an hour gone by: "esa hora ya ha pasado", not "esa fecha".
    today: localDateOf(zone, scheduledDate) === localDateOf(zone, now),
  });
}

interface BookingRow {
  id: string;
  code: string;
  ot_type: WorkOrderType;
  status: string;
  scheduled_date: string;
  started_at: string | null;
  estimated_minutes: number | null;
}

/** The technician's booked time that could touch [start, end): visits starting less than a day before it, and those under way. */
export function technicianBookings(tx: AppDb, ctx: ServiceContext, technicianId: string, start: string, end: string): Booking[] {
  const defaults = readSetting(ctx.sqlite, 'workOrderDefaultMinutes');
  const dayBefore = new Date(Date.parse(start) - 24 * 60 * 60_000).toISOString();
  const rows = prepared(
    ctx.sqlite,
    `SELECT id, code, ot_type, status, scheduled_date, started_at, estimated_minutes FROM work_orders
     WHERE technician_id = @technicianId AND scheduled_date IS NOT NULL
       AND ((status = 'scheduled' AND scheduled_date >= @dayBefore AND scheduled_date < @end) OR status = 'in_progress')`,
  ).all({ technicianId, dayBefore, end }) as BookingRow[];
  // A visit under way holds the technician from when it started.
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    start: row.status === 'in_progress' ? (row.started_at ?? row.scheduled_date) : row.scheduled_date,
    minutes: effectiveMinutes(row.estimated_minutes, row.ot_type, defaults),
  }));
}

export function assertNoOverlap(tx: AppDb, ctx: ServiceContext, visit: PlannedVisit & { technicianId: string; scheduledDate: string }, confirmations: PlanConfirmations): PlanNotes {
  const minutes = effectiveMinutes(visit.estimatedMinutes, visit.otType, readSetting(ctx.sqlite, 'workOrderDefaultMinutes'));
  const candidate: Booking = { id: visit.workOrderId ?? '', code: visit.code, start: visit.scheduledDate, minutes };
  const clashes = overlappingBookings(candidate, technicianBookings(tx, ctx, visit.technicianId, visit.scheduledDate, bookingEnd(candidate)));
  if (clashes.length === 0) return {};
  if (confirmations.confirmOverlap) return { overlapConfirmed: clashes.map((clash) => clash.code) };
  const listed: ScheduleClash[] = clashes.map((clash) => ({ id: clash.id, code: clash.code, start: clash.start, end: bookingEnd(clash) }));
  throw new AppError('CONFLICT', `the technician already has ${listed.map((c) => `${c.code} (${c.start}–${c.end})`).join(', ')} at that time; confirm to book anyway`, {
    reason: 'double_booked',
    field: 'scheduledDate',
    clashes: listed,
  });
}

/** Every rule for a plan (or a proposal): the date, then the technician's free time. */
export function checkPlan(tx: AppDb, ctx: ServiceContext, visit: PlannedVisit, confirmations: PlanConfirmations): PlanNotes {
  if (!visit.scheduledDate) return {};
  const notes = assertNotInPast(ctx, visit.scheduledDate, confirmations);
  if (!visit.technicianId) return notes;
  return { ...notes, ...assertNoOverlap(tx, ctx, { ...visit, technicianId: visit.technicianId, scheduledDate: visit.scheduledDate }, confirmations) };
}
