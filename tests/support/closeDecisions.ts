// Tests that close a ticket whose OTs are still open must decide each one (tickets.close refuses otherwise).
import { FINAL_WORK_ORDER_STATUSES } from '../../shared/enums';
import type { TicketDetail } from '../../electron/contract';

type Decision = { id: string; version: number; action: 'complete'; workDone: string } | { id: string; version: number; action: 'cancel'; reason: string };

/** A decision for every open OT of the ticket as the caller sees it: complete with `workDone`, or cancel with `reason`. */
export function decideOpenWorkOrders(ticket: Pick<TicketDetail, 'workOrders'>, choice: { workDone: string } | { reason: string }): Decision[] {
  return ticket.workOrders
    .filter((w) => !FINAL_WORK_ORDER_STATUSES.includes(w.status))
    .map((w) => ('workDone' in choice ? { id: w.id, version: w.version, action: 'complete', workDone: choice.workDone } : { id: w.id, version: w.version, action: 'cancel', reason: choice.reason }));
}
