// The ticket state machine: open ⇄ in_progress ⇄ waiting; closed only via close, open again only via reopen.
import type { TicketStatus } from '../../../shared/enums';
import { TICKET_MANUAL_MOVES } from '../../../shared/tickets';
import { AppError, invalidTransition } from '../../contract';

function refuse(from: string, to: string, reason: string): AppError {
  const base = invalidTransition('ticket', from, to);
  return new AppError('INVALID_TRANSITION', base.message, { ...base.details, reason });
}

/** A move through tickets.changeStatus; closing and reopening have their own channels. */
export function assertManualMove(from: TicketStatus, to: TicketStatus): void {
  if (to === 'closed') throw refuse(from, to, 'use_close');
  if (from === 'closed') throw refuse(from, to, 'use_reopen');
  if (from === to) throw refuse(from, to, 'same_status');
  if (!TICKET_MANUAL_MOVES[from].includes(to)) throw invalidTransition('ticket', from, to);
}

export function assertCanClose(from: TicketStatus): void {
  if (from === 'closed') throw refuse(from, 'closed', 'already_closed');
}

export function assertCanReopen(from: TicketStatus): void {
  if (from !== 'closed') throw refuse(from, 'open', 'not_closed');
}

/** Work orders cannot be requested or changed on a closed ticket. */
export function assertTicketOpenForWork(status: TicketStatus): void {
  if (status === 'closed') throw refuse(status, status, 'ticket_closed');
}
