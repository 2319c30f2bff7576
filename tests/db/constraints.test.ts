// The database itself refuses bad rows, whatever code writes them: CHECKs, JSON checks, FK actions, append-only timeline.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/ids';
import { countRows, freshDatabase, removeTempDirs, seedRows } from './helpers';

let opened: ReturnType<typeof freshDatabase>;
let sqlite: Database.Database;
let ids: ReturnType<typeof seedRows>;

beforeEach(() => {
  opened = freshDatabase();
  sqlite = opened.sqlite;
  ids = seedRows(sqlite);
});
afterEach(() => {
  opened.close();
  removeTempDirs();
});

/** Runs raw SQL expecting SQLite to refuse it with a constraint error naming `constraint` (or the trigger message). */
function expectRefused(sql: string, params: unknown[], constraint: string | RegExp): void {
  let caught: unknown;
  try {
    sqlite.prepare(sql).run(...params);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected "${sql}" to be refused`).toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
  expect((caught as Error).message).toMatch(constraint);
}

describe('CHECK constraints refuse raw SQL', () => {
  const ticket = (status: string, priority: string, resolution: string | null) => [newId(), `TK-${newId()}`, status, priority, resolution];
  const insertTicket = "INSERT INTO tickets (id, code, title, status, priority, resolution, creator_id) VALUES (?, ?, 'x', ?, ?, ?, ?)";

  it.each([
    ['tickets.status', insertTicket, () => [...ticket('pending', 'low', null), ids.userId], 'ck_tickets_status'],
    ['tickets.priority', insertTicket, () => [...ticket('open', 'urgent', null), ids.userId], 'ck_tickets_priority'],
    ['a closed ticket without a resolution', insertTicket, () => [...ticket('closed', 'low', null), ids.userId], 'ck_tickets_closed_resolution'],
    [
      'work_orders.status',
      "INSERT INTO work_orders (id, code, ticket_id, ot_type, status) VALUES (?, 'OT-X1', ?, 'repair', 'done')",
      () => [newId(), ids.ticketId],
      'ck_work_orders_status',
    ],
    [
      'work_orders.ot_type',
      "INSERT INTO work_orders (id, code, ticket_id, ot_type) VALUES (?, 'OT-X2', ?, 'painting')",
      () => [newId(), ids.ticketId],
      'ck_work_orders_ot_type',
    ],
    [
      'a scheduled OT without a date',
      "INSERT INTO work_orders (id, code, ticket_id, ot_type, status, technician_id) VALUES (?, 'OT-X3', ?, 'repair', 'scheduled', ?)",
      () => [newId(), ids.ticketId, ids.userId],
      'ck_work_orders_scheduled_needs_plan',
    ],
    [
      'a scheduled OT without a technician',
      "INSERT INTO work_orders (id, code, ticket_id, ot_type, status, scheduled_date) VALUES (?, 'OT-X4', ?, 'repair', 'scheduled', '2026-03-03T09:00:00Z')",
      () => [newId(), ids.ticketId],
      'ck_work_orders_scheduled_needs_plan',
    ],
    [
      'a negative total_duration',
      "INSERT INTO work_orders (id, code, ticket_id, ot_type, total_duration) VALUES (?, 'OT-X5', ?, 'repair', -1)",
      () => [newId(), ids.ticketId],
      'ck_work_orders_total_duration',
    ],
    [
      'ticket_timeline.event_type',
      "INSERT INTO ticket_timeline (id, ticket_id, event_type, content) VALUES (?, ?, 'deleted', 'x')",
      () => [newId(), ids.ticketId],
      'ck_ticket_timeline_event_type',
    ],
    [
      'invalid JSON in ticket_timeline.meta_data',
      "INSERT INTO ticket_timeline (id, ticket_id, event_type, content, meta_data) VALUES (?, ?, 'note', 'x', '{from:')",
      () => [newId(), ids.ticketId],
      'ck_ticket_timeline_meta_data_json',
    ],
    ['invalid JSON in roles.permissions', "INSERT INTO roles (id, name, permissions) VALUES (?, 'Rota', '[\"a\",')", () => [newId()], 'ck_roles_permissions_json'],
    ['invalid JSON in settings.value', "INSERT INTO settings (key, value) VALUES ('companyName', 'Acme sin comillas')", () => [], 'ck_settings_value_json'],
    [
      'a quantity of zero',
      'INSERT INTO work_order_items (id, work_order_id, quantity) VALUES (?, ?, 0)',
      () => [newId(), ids.workOrderId],
      'ck_work_order_items_quantity',
    ],
    [
      'a negative quantity',
      'INSERT INTO work_order_items (id, work_order_id, quantity) VALUES (?, ?, -3)',
      () => [newId(), ids.workOrderId],
      'ck_work_order_items_quantity',
    ],
    ['negative failed logins', 'UPDATE users SET failed_logins = -1 WHERE id = ?', () => [ids.userId], 'ck_users_failed_logins'],
  ])('%s', (_label, sql, params, constraint) => {
    expectRefused(sql, params(), constraint);
  });

  it('the same rows with valid values are accepted (the checks are not refusing everything)', () => {
    sqlite.prepare(insertTicket).run(...ticket('closed', 'critical', 'cambié el fusor'), ids.userId);
    sqlite
      .prepare("INSERT INTO work_orders (id, code, ticket_id, ot_type, status, technician_id, scheduled_date, total_duration) VALUES (?, 'OT-OK', ?, 'install', 'scheduled', ?, '2026-03-03T09:00:00Z', 0)")
      .run(newId(), ids.ticketId, ids.userId);
    sqlite.prepare("INSERT INTO ticket_timeline (id, ticket_id, event_type, content, meta_data) VALUES (?, ?, 'telemetry', 'x', '{\"from\":1}')").run(newId(), ids.ticketId);
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('companyName', '\"Acme\"')").run();
    sqlite.prepare('INSERT INTO work_order_items (id, work_order_id, quantity) VALUES (?, ?, 2)').run(newId(), ids.workOrderId);
    expect(countRows(sqlite, 'tickets')).toBe(2);
  });

  it('usernames and emails are unique regardless of case', () => {
    expectRefused(
      "INSERT INTO users (id, email, username, full_name, password_hash) VALUES (?, 'U@EXAMPLE.COM', 'other', 'O', 'x')",
      [newId()],
      /users\.|uq_users_email|UNIQUE/,
    );
    expectRefused("INSERT INTO users (id, email, username, full_name, password_hash) VALUES (?, 'o@example.com', 'U', 'O', 'x')", [newId()], /UNIQUE/);
  });
});

describe('foreign key actions', () => {
  it('deleting a ticket cascades to its timeline, work orders and their items', () => {
    expect(countRows(sqlite, 'ticket_timeline')).toBe(1);
    expect(countRows(sqlite, 'work_order_items')).toBe(1);
    sqlite.prepare('DELETE FROM tickets WHERE id = ?').run(ids.ticketId);
    expect(countRows(sqlite, 'ticket_timeline')).toBe(0);
    expect(countRows(sqlite, 'work_orders')).toBe(0);
    expect(countRows(sqlite, 'work_order_items')).toBe(0);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('deleting a role leaves its users without a role', () => {
    sqlite.prepare('DELETE FROM roles WHERE id = ?').run(ids.roleId);
    expect(sqlite.prepare('SELECT role_id FROM users WHERE id = ?').get(ids.userId)).toEqual({ role_id: null });
  });

  it('a ticket cannot point at a user that does not exist', () => {
    expectRefused(
      "INSERT INTO tickets (id, code, title, creator_id) VALUES (?, 'TK-FK', 'x', ?)",
      [newId(), newId()],
      /FOREIGN KEY/,
    );
  });

  it('the timeline refuses edits to its content, type, ticket and metadata', () => {
    for (const set of ["content = 'otra cosa'", "event_type = 'contact'", "meta_data = '{}'", "created_at = '2000-01-01'"]) {
      expectRefused(`UPDATE ticket_timeline SET ${set}`, [], /append-only/);
    }
    expect(sqlite.prepare('SELECT content FROM ticket_timeline').get()).toEqual({ content: 'llamé al cliente' });
  });

  it('deleting an author keeps their events and only nulls author_id', () => {
    sqlite.prepare('DELETE FROM work_orders').run(); // technician_id is SET NULL too, but keep the test about the timeline
    sqlite.prepare('UPDATE tickets SET creator_id = ? WHERE id = ?').run(seedOtherUser(), ids.ticketId);
    sqlite.prepare('DELETE FROM users WHERE id = ?').run(ids.userId);
    expect(sqlite.prepare('SELECT author_id, content FROM ticket_timeline').all()).toEqual([{ author_id: null, content: 'llamé al cliente' }]);
  });

  it('a ticket creator cannot be deleted (RESTRICT keeps who opened it)', () => {
    expectRefused('DELETE FROM users WHERE id = ?', [ids.userId], /FOREIGN KEY/);
  });
});

function seedOtherUser(): string {
  const id = newId();
  sqlite.prepare("INSERT INTO users (id, email, username, full_name, password_hash) VALUES (?, 'o@example.com', 'o', 'O', 'x')").run(id);
  return id;
}
