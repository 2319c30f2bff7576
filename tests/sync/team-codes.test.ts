// Codes with slots: TK-YYYY-SSNNNN in a team, the plain shape alone; a creator's slot skips ranges its own
// codes already use; an invitation's slot skips members, earlier invitations and every range with codes.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { AppError } from '../../electron/contract';
import { nextCode } from '../../electron/services/tickets/codes';
import { creatorSlot, invitationSlot } from '../../electron/services/sync/teamSlots';
import { removeTempDirs, tempDir } from '../db/helpers';

const AT = '2026-05-04T10:00:00.000Z';
const PREFIXES = { ticketPrefix: 'TK', workOrderPrefix: 'OT' };
const opened: OpenedDatabase[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));
afterAll(removeTempDirs);

function copy(): Database.Database {
  const db = openDatabase(path.join(tempDir(), 'emerald.db'));
  opened.push(db);
  db.sqlite.prepare("INSERT INTO users (id, email, username, full_name, password_hash) VALUES ('u1', 'a@example.com', 'a', 'A', 'x')").run();
  return db.sqlite;
}

function addTickets(sqlite: Database.Database, ...codes: string[]): void {
  const insert = sqlite.prepare("INSERT INTO tickets (id, code, title, creator_id) VALUES (?, ?, 'T', 'u1')");
  for (const code of codes) insert.run(`t-${code}`, code);
}

const joinSlot = (sqlite: Database.Database, slot: number) => sqlite.prepare("UPDATE sync_local SET team_id = 'team', slot = ? WHERE id = 1").run(slot);

it('keeps the plain shape outside a team and the slot shape inside one', () => {
  const sqlite = copy();
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-000001');
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-000002');
  joinSlot(sqlite, 7);
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-070001');
  expect(nextCode(sqlite, 'workOrder', 'OT', AT)).toBe('OT-2026-070001');
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-070002');
  expect(nextCode(sqlite, 'ticket', 'TK', '2027-01-01T00:00:00.000Z')).toBe('TK-2027-070001');
});

it("gives the creator a free range of this year and starts a slot after the codes already in it", () => {
  const sqlite = copy();
  // A busy install: its plain codes reached 021234 this year, so ranges 00, 01 and 02 are in use.
  addTickets(sqlite, 'TK-2026-000001', 'TK-2026-019999', 'TK-2026-021234', 'TK-2025-030005');
  expect(creatorSlot(sqlite, PREFIXES, 2026)).toBe(3); // 03 holds only a code of last year
  joinSlot(sqlite, 2);
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-021235');
  // An invitation's slot avoids every range with codes, of any year (the joiner renumbers all its years).
  sqlite.prepare("INSERT INTO team_members (device_id, slot, name, public_key) VALUES ('0123456789abcdef', 4, 'A', 'k')").run();
  sqlite.prepare("INSERT INTO team_invitations (id, slot, expires_at) VALUES ('i1', 5, '2030-01-01T00:00:00.000Z')").run();
  expect(invitationSlot(sqlite)).toBe(6);
});

it('refuses a code when the slot of the year is full, with a clear reason', () => {
  const sqlite = copy();
  addTickets(sqlite, 'TK-2026-049998');
  joinSlot(sqlite, 4);
  expect(nextCode(sqlite, 'ticket', 'TK', AT)).toBe('TK-2026-049999');
  const error = (() => {
    try {
      nextCode(sqlite, 'ticket', 'TK', AT);
    } catch (caught) {
      return caught;
    }
  })();
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('CONFLICT');
  expect((error as AppError).details?.reason).toBe('slot_exhausted');
  expect((error as AppError).message).toContain('TK-2026-04');
});
