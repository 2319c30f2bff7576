// Loading a ticket for a change: existence, version check and the references a change may point at.
import type { AppDb } from '../../../db/open';
import { customers, ticketCategories, tickets, users } from '../../../db/schema';
import { AppError, notFound, staleVersion } from '../../contract';
import { saveVersioned } from '../versioned';
import { hasRow, rowById } from '../tableRows';

export type TicketRow = typeof tickets.$inferSelect;

export function loadTicket(tx: AppDb, id: string): TicketRow {
  const row = rowById(tx, tickets, id);
  if (!row) throw notFound('ticket', id);
  return row;
}

/** The ticket at the version the caller saw; anything else is a CONFLICT, never a silent overwrite. */
export function loadTicketAt(tx: AppDb, id: string, version: number): TicketRow {
  const row = loadTicket(tx, id);
  if (row.version !== version) throw staleVersion('ticket', version, row.version);
  return row;
}

const unknownReference = (field: string, reason: string) =>
  new AppError('VALIDATION', `${field} does not name an existing record`, { reason, field });

export function assertCategory(tx: AppDb, id: string | null | undefined): void {
  if (id && !hasRow(tx, ticketCategories, { id })) {
    throw unknownReference('categoryId', 'unknown_category');
  }
}

export function assertCustomer(tx: AppDb, id: string | null | undefined): void {
  if (id && !hasRow(tx, customers, { id })) {
    throw unknownReference('customerId', 'unknown_customer');
  }
}

/** Tickets are assigned to active users only. */
export function assertAssignee(tx: AppDb, id: string | null | undefined): void {
  if (id && !hasRow(tx, users, { id, isActive: true })) {
    throw unknownReference('assignedToId', 'unknown_user');
  }
}

/** Writes a change guarded by the version read earlier, bumping version (unless told not to) and updated_at. */
export function saveTicket(
  tx: AppDb,
  row: TicketRow,
  patch: Partial<typeof tickets.$inferInsert>,
  at: string,
  options: { bumpVersion: boolean } = { bumpVersion: true },
): void {
  saveVersioned(tx, tickets, 'ticket', row, patch, at, options);
}
