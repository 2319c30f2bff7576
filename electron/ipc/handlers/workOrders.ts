import type { workOrderChannels } from '../../contract/workOrders';
import {
  addItem,
  agenda,
  cancelWorkOrder,
  completeWorkOrder,
  dispatchQueue,
  getWorkOrderDetail,
  listByTicket,
  listWorkOrders,
  overdueWorkOrders,
  removeItem,
  requestVisit,
  scheduleWorkOrder,
  startWorkOrder,
  traceSerial,
  unscheduleWorkOrder,
  updateWorkOrderNotes,
} from '../../services/workOrders';
import type { HandlerMap } from './types';

export const workOrderHandlers: HandlerMap<keyof typeof workOrderChannels> = {
  'workOrders.requestVisit': (ctx, input) => requestVisit(ctx, input),
  'workOrders.get': (ctx, input) => getWorkOrderDetail(ctx.sqlite, input.id),
  'workOrders.list': (ctx, input) => listWorkOrders(ctx, input),
  'workOrders.agenda': (ctx, input) => agenda(ctx, input),
  'workOrders.dispatchQueue': (ctx, input) => dispatchQueue(ctx, input),
  'workOrders.overdue': (ctx, input) => overdueWorkOrders(ctx, input),
  'workOrders.listByTicket': (ctx, input) => listByTicket(ctx, input.ticketId),
  'workOrders.schedule': (ctx, input) => scheduleWorkOrder(ctx, input),
  'workOrders.unschedule': (ctx, input) => unscheduleWorkOrder(ctx, input),
  'workOrders.start': (ctx, input) => startWorkOrder(ctx, input),
  'workOrders.complete': (ctx, input) => completeWorkOrder(ctx, input),
  'workOrders.cancel': (ctx, input) => cancelWorkOrder(ctx, input),
  'workOrders.updateNotes': (ctx, input) => updateWorkOrderNotes(ctx, input),
  'workOrders.addItem': (ctx, input) => addItem(ctx, input),
  'workOrders.removeItem': (ctx, input) => removeItem(ctx, input),
  'workOrders.traceSerial': (ctx, input) => traceSerial(ctx, input.serialNumber),
};
