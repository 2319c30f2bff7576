// The ticket service: commands (one transaction each) and reads.
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
export { countTickets, listTickets } from './list';
export { getTicketDetail } from './rows';
