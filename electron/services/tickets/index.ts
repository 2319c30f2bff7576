// The ticket service: commands (one transaction each) and reads; below them, what other service modules may use.
export {
  addContact,
  addNote,
  assignTicket,
  changeTicketStatus,
  closeTicket,
  createTicket,
  reopenTicket,
  updateTicket,
} from './commands';
export { countTickets } from './counts';
export { listTickets } from './list';
export { getTicketDetail, ticketWithWholeTimeline } from './rows';
export { ticketTimelinePage } from './timelinePage';

// For work orders, telemetry and team sync (one module reaches another only through its index).
export { formerCodesOf, nextCode, formatSlotCode, highestInSlot, MAX_SLOT, SLOT_CAPACITY, slotRange, type CodeKind } from './codes';
export { markClosed, markReopened, moveTicketStatus } from './commands';
export { loadTicket, saveTicket } from './guards';
export { WORK_ORDER_STATUS_LABEL, WORK_ORDER_TYPE_LABEL } from './labels';
export { appendEvent } from './timeline';
export { assertTicketOpenForWork } from './transitions';
