// The work order service: lifecycle commands, parts, and reads (lists, agenda, queue, serial trace); below them, what
// other service modules may use.
export {
  cancelWorkOrder,
  completeWorkOrder,
  requestVisit,
  scheduleWorkOrder,
  setWorkOrderEstimate,
  startWorkOrder,
  unscheduleWorkOrder,
  updateWorkOrderNotes,
  setWorkDone,
} from './commands';
export { addItem, removeItem } from './items';
export { agenda, listByTicket, listsInDateOrder, listWorkOrders, traceSerial } from './queries';
export { dispatchQueue } from './queue';
export { overdueWorkOrders } from './overdue';
export { getWorkOrderDetail } from './rows';
export { dispatchBoard } from './board';
export { myDay } from './myDay';
export { answerChecklist } from './checklistAnswer';
export { checklistOf } from './checklist';

// For tickets, telemetry and the conflict inbox (one module reaches another only through its index).
export { assertWorksOnTicket } from './access';
export { takeItemOff } from './items';
export { completionColumns, completionDuration, loadWorkOrder, saveWorkOrder, workOrderEvent } from './lifecycle';
export { openWorkOrdersOf, settleOpenWorkOrders } from './atClose';
export { keptEstimate } from './schedulingRules';
export { loadCancelReasons, workOrdersOfTicket } from './rows';
// For attachments (issue 15): an OT file is an OT change, through the same write path and the same rules.
export { assertMayExecute } from './access';
export { changeWorkOrder } from './commands';
export { assertNotFinal, type WorkOrderRecord } from './lifecycle';
// For the OT report PDF: whether a signature still covers the report as it is now.
export { reportHashOf } from './reportContent';
export { latestSignatures } from './signatures';
// For tickets: an edit of the title, fault or customer may leave a signed report behind.
export { noteStaleSignaturesOfTicket } from './signaturesStale';
