// Which two-digit slot a member writes its codes in (TK-2026-SSNNNN). A slot is never given twice, and never
// one whose range already holds codes, so nothing a member numbers offline can collide with an existing code.
import type Database from 'better-sqlite3';
import { AppError } from '../../contract';
import { highestInSlot, MAX_SLOT, slotRange } from '../tickets';

export interface CodePrefixes {
  ticketPrefix: string;
  workOrderPrefix: string;
}

function noFreeSlot(): AppError {
  return new AppError('CONFLICT', `every slot from 01 to ${MAX_SLOT} is taken; a team holds at most ${MAX_SLOT} devices`, { reason: 'no_free_slot' });
}

/** The team creator's slot: the lowest whose range of this year has no code yet (its codes from before the team stay below). */
export function creatorSlot(sqlite: Database.Database, prefixes: CodePrefixes, year: number): number {
  for (let slot = 1; slot <= MAX_SLOT; slot++) {
    const free =
      highestInSlot(sqlite, 'ticket', slotRange(prefixes.ticketPrefix, year, slot)) === 0 &&
      highestInSlot(sqlite, 'workOrder', slotRange(prefixes.workOrderPrefix, year, slot)) === 0;
    if (free) return slot;
  }
  throw noFreeSlot();
}

/**
 * The slot of a new invitation: not held by a member or an earlier invitation, and not the SS of any code here in
 * any year (a joining copy renumbers its old codes of every year into its slot).
 */
export function invitationSlot(sqlite: Database.Database): number {
  const taken = new Set(
    (
      sqlite
        .prepare(
          `SELECT slot FROM team_members UNION SELECT slot FROM team_invitations
           UNION SELECT CAST(substr(code, -6, 2) AS INTEGER) FROM tickets WHERE code GLOB '*-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'
           UNION SELECT CAST(substr(code, -6, 2) AS INTEGER) FROM work_orders WHERE code GLOB '*-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'`,
        )
        .all() as { slot: number }[]
    ).map((row) => row.slot),
  );
  for (let slot = 1; slot <= MAX_SLOT; slot++) if (!taken.has(slot)) return slot;
  throw noFreeSlot();
}
