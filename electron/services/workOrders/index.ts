// The work order service: lifecycle commands, parts, and reads (lists, agenda, queue, serial trace).
export {
  cancelWorkOrder,
  completeWorkOrder,
  requestVisit,
  scheduleWorkOrder,
  startWorkOrder,
  unscheduleWorkOrder,
  updateWorkOrderNotes,
} from './commands';
export { addItem, removeItem } from './items';
export { agenda, dispatchQueue, listByTicket, listWorkOrders, traceSerial } from './queries';
export { getWorkOrderDetail } from './rows';
