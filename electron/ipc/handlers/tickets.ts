import type { ticketChannels } from '../../contract/tickets';
import {
  addContact,
  addNote,
  assignTicket,
  changeTicketStatus,
  closeTicket,
  countTickets,
  createTicket,
  getTicketDetail,
  listTickets,
  ticketTimelinePage,
  reopenTicket,
  updateTicket,
} from '../../services/tickets';
import type { HandlerMap } from './types';

export const ticketHandlers: HandlerMap<keyof typeof ticketChannels> = {
  'tickets.create': (ctx, input) => createTicket(ctx, input),
  'tickets.list': (ctx, input) => listTickets(ctx, input),
  'tickets.counts': (ctx, input) => countTickets(ctx, input),
  'tickets.get': (ctx, input) => getTicketDetail(ctx.sqlite, input.id, ctx.clock.now().getTime()),
  'tickets.timeline': (ctx, input) => ticketTimelinePage(ctx.sqlite, input.id, input.before, input.limit),
  'tickets.update': (ctx, input) => updateTicket(ctx, input),
  'tickets.changeStatus': (ctx, input) => changeTicketStatus(ctx, input),
  'tickets.assign': (ctx, input) => assignTicket(ctx, input),
  'tickets.addNote': (ctx, input) => addNote(ctx, input),
  'tickets.addContact': (ctx, input) => addContact(ctx, input),
  'tickets.close': (ctx, input) => closeTicket(ctx, input),
  'tickets.reopen': (ctx, input) => reopenTicket(ctx, input),
};
