// The moves tickets.changeStatus accepts (the main process enforces the same machine); close and reopen have their own actions.
import type { TicketStatus } from '../../../../electron/contract';

const MANUAL_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress'],
  in_progress: ['open', 'waiting'],
  waiting: ['in_progress'],
  closed: [],
};

export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return MANUAL_MOVES[from];
}
