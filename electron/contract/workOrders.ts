import { z } from 'zod';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../../shared/enums';
import { byId, cursor, id, isoDateTime, line, nonEmpty, text, pageLimit, version } from './common';
import { channel } from './define';
import type { Page, SerialTraceRow, WorkOrderDetail, WorkOrderDto } from './dto';

export const workOrderType = z.enum(WORK_ORDER_TYPES);
export const workOrderStatus = z.enum(WORK_ORDER_STATUSES);
const serialNumber = line(1, 100);
const seconds = z.number().int().min(0).max(60 * 60 * 24 * 366);

export const requestVisitInput = z.strictObject({
  ticketId: id,
  otType: workOrderType,
  scheduledDate: isoDateTime.optional(),
  technicianId: id.optional(),
});

export const completeInput = z.strictObject({
  id,
  version,
  notes: text(20_000).optional(),
  totalDuration: seconds.optional(),
  /** Required when totalDuration overrides the measured time. */
  durationReason: text(1_000).optional(),
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

const executeOrWrite = ['workorders:write', 'workorders:execute'] as const;

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
  'workOrders.dispatchQueue': channel<Page<WorkOrderDto>>()({
    input: z.strictObject({ limit: pageLimit, cursor }),
    access: 'workorders:read',
  }),
  'workOrders.listByTicket': channel<WorkOrderDetail[]>()({
    input: z.strictObject({ ticketId: id }),
    access: 'workorders:read',
  }),
  'workOrders.schedule': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, scheduledDate: isoDateTime, technicianId: id, version }),
    access: 'workorders:write',
  }),
  'workOrders.unschedule': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version }),
    access: 'workorders:write',
  }),
  'workOrders.start': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, notes: text(20_000).optional() }),
    access: executeOrWrite,
  }),
  'workOrders.complete': channel<WorkOrderDetail>()({ input: completeInput, access: executeOrWrite }),
  'workOrders.cancel': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, reason: nonEmpty(5_000) }),
    access: 'workorders:write',
  }),
  'workOrders.updateNotes': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, notes: text(20_000) }),
    access: executeOrWrite,
  }),
  'workOrders.addItem': channel<WorkOrderDetail>()({
    input: z
      .strictObject({
        id,
        version,
        serialNumber: serialNumber.optional(),
        productId: id.optional(),
        quantity: z.number().int().min(1).max(100_000).optional(),
      })
      .refine((v) => v.serialNumber !== undefined || v.productId !== undefined, {
        message: 'a serial number or a product is required',
        path: ['serialNumber'],
      }),
    access: executeOrWrite,
  }),
  'workOrders.removeItem': channel<WorkOrderDetail>()({
    input: z.strictObject({ id, version, itemId: id }),
    access: executeOrWrite,
  }),
  'workOrders.traceSerial': channel<SerialTraceRow[]>()({
    input: z.strictObject({ serialNumber }),
    access: 'workorders:read',
  }),
};
