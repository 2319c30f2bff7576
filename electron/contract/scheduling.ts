// Scheduling rules shared by the services and the screens (the dispatch board reuses them): how long a visit
// takes and whether two visits of one technician overlap. Pure: no database, no clock.
import type { WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import type { WorkOrderDefaultMinutes } from './estimatedMinutes';
import { hasPermission, type PermissionHolder } from './access';

const MINUTE_MS = 60_000;

/** An OT's own estimate, or its type's default from the settings. */
export function effectiveMinutes(estimatedMinutes: number | null | undefined, otType: WorkOrderType, defaults: WorkOrderDefaultMinutes): number {
  return estimatedMinutes ?? defaults[otType];
}

/** A block of a technician's time: an OT from `start` (ISO) for `minutes`. */
export interface Booking {
  id: string;
  code: string;
  start: string;
  minutes: number;
}

/** The statuses that hold a technician's time: planned and under way (a pending proposal holds nothing). */
export const BOOKED_STATUSES: readonly WorkOrderStatus[] = ['scheduled', 'in_progress'];

/** The end of a booking, as an ISO instant. */
export const bookingEnd = (booking: Pick<Booking, 'start' | 'minutes'>): string => new Date(Date.parse(booking.start) + booking.minutes * MINUTE_MS).toISOString();

/**
 * The bookings that overlap [start, start + minutes). Half-open: a visit ending at 10:00 and one starting at 10:00
 * do not clash. The candidate itself (same id) never clashes with its own old plan.
 */
export function overlappingBookings(candidate: Booking, bookings: readonly Booking[]): Booking[] {
  const start = Date.parse(candidate.start);
  const end = start + candidate.minutes * MINUTE_MS;
  return bookings
    .filter((other) => other.id !== candidate.id)
    .filter((other) => {
      const otherStart = Date.parse(other.start);
      return otherStart < end && start < otherStart + other.minutes * MINUTE_MS;
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.code.localeCompare(b.code));
}

/** What a double_booked refusal lists for each clashing visit (details.clashes). */
export interface ScheduleClash {
  id: string;
  code: string;
  start: string;
  end: string;
}

/** A typed date this far behind the clock still counts as now: the form's time was filled a moment ago. */
export const PAST_GRACE_MS = 15 * MINUTE_MS;

/**
 * Who may be an OT's technician (every picker, the board's rows, and the services' not_a_technician): whoever may
 * execute work orders (workorders:execute or full access). Planning them (workorders:write alone) is not doing them.
 */
export const canBeTechnician = (holder: PermissionHolder): boolean => hasPermission(holder, 'workorders:execute');
