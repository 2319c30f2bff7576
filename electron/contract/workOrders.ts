import { z } from 'zod';
import { ITEM_DIRECTIONS, PRODUCT_UNITS, WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type TicketPriority } from '../../shared/enums';
import { byId, cursor, id, isoDateTime, line, nonEmpty, text, pageLimit, version } from './common';
import { channel } from './define';
import type { Page, SerialTraceRow, WorkOrderDetail, WorkOrderDto } from './dto';
import { estimatedMinutes } from './estimatedMinutes';

export const workOrderType = z.enum(WORK_ORDER_TYPES);
export const workOrderStatus = z.enum(WORK_ORDER_STATUSES);
const serialNumber = line(1, 100);
const seconds = z.number().int().min(0).max(60 * 60 * 24 * 366);

/** What a plan may need the person to say: they saw the technician's clashing visits, or the date records a past visit. */
const planConfirmations = {
  /** Book even though the technician has other visits at that time (without it: CONFLICT double_booked). */
  confirmOverlap: z.boolean().optional(),
  /** The date is in the past because the visit already happened (without it: VALIDATION scheduled_in_past). */
  recordsPastVisit: z.boolean().optional(),
};

export const requestVisitInput = z.strictObject({
  ticketId: id,
  otType: workOrderType,
  scheduledDate: isoDateTime.optional(),
  technicianId: id.optional(),
  /** Planned minutes; absent: the OT type's default (setting workOrderDefaultMinutes). */
  estimatedMinutes: estimatedMinutes.optional(),
  ...planConfirmations,
});

export const scheduleInput = z.strictObject({
  id,
  scheduledDate: isoDateTime,
  technicianId: id,
  version,
  /** Planned minutes; null: back to the type's default; absent: unchanged. */
  estimatedMinutes: estimatedMinutes.nullable().optional(),
  ...planConfirmations,
});

/** A completion's duration typed instead of measured (workOrders.complete, and a ticket close's 'complete'). */
export const typedDurationShape = {
  totalDuration: seconds.optional(),
  /** Required when totalDuration differs from the measured time (VALIDATION duration_reason_required). */
  durationReason: text(1_000).optional(),
};

/** "Trabajo realizado": what the report tells the customer was done (internal notes are another field). */
export const workDoneText = text(20_000);

/** Completion never touches the internal notes; `workDone` (saved with it) or the OT's own must not be empty. */
export const completeInput = z.strictObject({
  id,
  version,
  workDone: workDoneText.optional(),
  ...typedDurationShape,
});

/** A part's quantity: positive, at most 3 decimals (1,5 kg of refrigerant); whole for 'unit' (checked by the service). */
export const itemQuantity = z
  .number()
  .positive()
  .max(100_000)
  .refine((value) => Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6, {
    message: 'at most 3 decimals',
    params: { reason: 'quantity_three_decimals' },
  });

/** A part logged on an OT: a catalogue product or a free-text description (one of them), installed or removed. */
export const addItemInput = z
  .strictObject({
    id,
    version,
    serialNumber: serialNumber.optional(),
    productId: id.optional(),
    /** A part not in the catalogue, in words. */
    description: line(1, 200).optional(),
    quantity: itemQuantity.optional(),
    /** Only for a free-text part (a product's own unit is copied); default 'unit'. */
    unit: z.enum(PRODUCT_UNITS).optional(),
    direction: z.enum(ITEM_DIRECTIONS).optional(),
    /** The person saw that this serial is installed on another open OT and logs it anyway. */
    confirmSerialElsewhere: z.boolean().optional(),
  })
  .refine((v) => v.productId !== undefined || v.description !== undefined, {
    message: 'a catalogue product or a description of the part is required',
    path: ['productId'],
    params: { reason: 'item_needs_product_or_description' },
  });

export const workOrderFilterShape = {
  status: z.array(workOrderStatus).max(WORK_ORDER_STATUSES.length).optional(),
  technicianId: z.union([id, z.literal('me'), z.literal('unassigned')]).optional(),
  otType: workOrderType.optional(),
  /** Period on scheduled_date, or on completed_at when `dateField` says so. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  dateField: z.enum(['scheduled_date', 'completed_at', 'created_at']).optional(),
  q: z.string().max(200).optional(),
};
export const workOrderFilter = z.strictObject(workOrderFilterShape);


/** An OT waiting in the dispatch queue, with what the dispatcher plans by: its ticket's priority and the customer's town. */
export interface QueuedWorkOrderDto extends WorkOrderDto {
  priority: TicketPriority;
  customerTown: string | null;
}

/** An OT in progress for longer than this is overdue (Atrasadas): "more than a day". */
export const RUNNING_LONG_MS = 24 * 60 * 60 * 1000;
/** Why an OT is overdue: scheduled in the past and not started, or in progress for more than RUNNING_LONG_MS. */
export type OverdueReason = 'not_started' | 'running_long';

export interface OverdueWorkOrderDto extends WorkOrderDto {
  overdue: {
    reason: OverdueReason;
    /** The moment it counts from: the scheduled date (not started) or when it started (running long). */
    since: string;
    /** Whole minutes from `since` to now. */
    lateMinutes: number;
    /** Company-calendar days from the day of `since` to today (1 = yesterday, whatever the hour). */
    lateDays: number;
  };
}

/** A page of Atrasadas, most overdue first, and how many there are in all (the tab's badge). */
export interface OverduePage extends Page<OverdueWorkOrderDto> {
  total: number;
}

/** The serial trace finds by prefix: this many rows at most (the exact serial first, then the newest). */
export const SERIAL_TRACE_LIMIT = 500;

export const workOrderChannels = {
  'workOrders.requestVisit': channel<WorkOrderDetail>()({ input: requestVisitInput, access: 'workorders:write' }),
  'workOrders.get': channel<WorkOrderDetail>()({ input: byId, access: 'workorders:read' }),
  'workOrders.list': channel<Page<WorkOrderDto>>()({
    input: z.strictObject({ ...workOrderFilterShape, limit: pageLimit, cursor }),
    access: 'workorders:read',
  }),
  'workOrders.agenda': channel<WorkOrderDto[]>()({
    input: z.strictObject({ technicianId: z.union([id, z.literal('me')]).optional(), from: isoDateTime, to: isoDateTime }),
    access: 'workorders:read',
  }),
  /** Pending OTs: the ticket's priority first (critical, high, …), then the oldest request within a priority. */
  'workOrders.dispatchQueue': channel<Page<QueuedWorkOrderDto>>()({
    input: z.strictObject({ limit: pageLimit, cursor }),
    access: 'workorders:read',
  }),
  /** Atrasadas: a technician (execute without write) always gets their own; others everyone's or one technician's. */
  'workOrders.overdue': channel<OverduePage>()({
    input: z.strictObject({ technicianId: z.union([id, z.literal('me')]).optional(), limit: pageLimit, cursor }),
    access: 'workorders:read',
  }),
  'workOrders.listByTicket': channel<WorkOrderDetail[]>()({
    input: z.strictObject({ ticketId: id }),
    access: 'workorders:read',
  }),
  'workOrders.schedule': channel<WorkOrderDetail>()({ input: scheduleInput, access: 'workorders:write' }),
  /** An OT's planned minutes (null: the type's default); a scheduled OT's longer visit is checked for overlaps too. */
  'workOrders.setEstimate': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, estimatedMinutes: estimatedMinutes.nullable(), confirmOverlap: z.boolean().optional() }),
    access: 'workorders:write',
  }),
  'workOrders.unschedule': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version }),
    access: 'workorders:write',
  }),
  'workOrders.start': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, notes: text(20_000).optional() }),
    access: 'workorders:execute',
  }),
  'workOrders.complete': channel<WorkOrderDetail>()({ input: completeInput, access: 'workorders:execute' }),
  'workOrders.cancel': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, reason: nonEmpty(5_000) }),
    access: 'workorders:write',
  }),
  /** The internal notes: the office that plans the OT, or its own technician (the service checks which). */
  'workOrders.updateNotes': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, notes: text(20_000) }),
    access: ['workorders:write', 'workorders:execute'],
  }),
  /** "Trabajo realizado" while the OT is in progress (the completion dialog prefills it). */
  'workOrders.setWorkDone': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, workDone: workDoneText }),
    access: 'workorders:execute',
  }),
  'workOrders.addItem': channel<WorkOrderDetail>()({ input: addItemInput, access: 'workorders:execute' }),
  'workOrders.removeItem': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, itemId: id }),
    access: 'workorders:execute',
  }),
  'workOrders.traceSerial': channel<SerialTraceRow[]>()({
    input: z.strictObject({ serialNumber }),
    access: 'workorders:read',
  }),
};
