// Mi día (issue 15 part 1): the signed-in technician's visits of today and every one still open from an earlier day,
// with what they need on the road (address, phone, contact) and the ticket's description of the fault.
import type { WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import { empty } from './common';
import { channel } from './define';
import type { LocalDate } from './zonedTime';

/** At most this many visits from earlier days are listed (the oldest first); `overdueTotal` counts them all. */
export const MY_DAY_OVERDUE_LIMIT = 100;

export interface MyDayVisit {
  id: string;
  code: string;
  version: number;
  status: WorkOrderStatus;
  otType: WorkOrderType;
  scheduledDate: string | null;
  startedAt: string | null;
  /** The OT's own planned minutes, or null (its type's default applies). */
  estimatedMinutes: number | null;
  /** Scheduled on an earlier company-calendar day and still open (not started, or in progress). */
  overdue: boolean;
  ticket: { id: string; code: string; title: string; description: string };
  customer: {
    id: string;
    name: string;
    address: string | null;
    town: string | null;
    phone: string | null;
    contactName: string | null;
    email: string | null;
  } | null;
}

export interface MyDayDto {
  /** Today on the company calendar, and that calendar's zone. */
  day: LocalDate;
  timeZone: string;
  /** Overdue ones first (oldest first), then today's by time. */
  items: MyDayVisit[];
  /** How many open visits from earlier days there are in all (more than listed when over MY_DAY_OVERDUE_LIMIT). */
  overdueTotal: number;
  /** With no visit left (items empty): how many of today's the technician completed; 0 otherwise. */
  doneToday: number;
}

export const myDayChannels = {
  /** The caller's own visits: today's and the open ones from earlier days; nothing (not an error) for someone without OTs. */
  'workOrders.myDay': channel<MyDayDto>()({ input: empty, access: 'workorders:execute' }),
};
