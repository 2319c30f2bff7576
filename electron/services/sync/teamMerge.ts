// Joining with existing data, part 1: rows of this copy that are the team's rows under another id (same email,
// role name, category name, SKU) take the team's id, and every reference follows; the team's settings replace
// this copy's where the team has them. These "adopted" rows stay out of the joining copy's baseline: the team's own
// ops, when they arrive, set their values (the team's password, role and names win), so no copy overwrites the team
// with its own.
import type Database from 'better-sqlite3';
import type { TeamDirectory } from './teamInvitation';
import { REPLICATED_SETTING_KEYS } from './entities';

export interface AdoptedRow {
  entity: string;
  rowId: string;
}

export interface MergeOutcome {
  adopted: AdoptedRow[];
  /** Local user id → the team's id, for the users that are the same person. */
  users: Map<string, string>;
  renamedUsers: { id: string; from: string; to: string }[];
}

/** Every column that points at a row of these tables (FKs, and the soft references: product, answer, signer, uploader). */
const REFERENCES: Record<string, readonly { table: string; column: string }[]> = {
  roles: [{ table: 'users', column: 'role_id' }],
  users: [
    { table: 'tickets', column: 'creator_id' },
    { table: 'tickets', column: 'assigned_to_id' },
    { table: 'ticket_timeline', column: 'author_id' },
    { table: 'work_orders', column: 'technician_id' },
    { table: 'team_invitations', column: 'created_by' },
    { table: 'team_invitation_cancellations', column: 'cancelled_by' },
    { table: 'team_members', column: 'revoked_by' },
    { table: 'conflict_resolutions', column: 'resolved_by' },
    { table: 'work_order_checklist_answers', column: 'answered_by' },
    { table: 'work_order_signatures', column: 'signed_by' },
    { table: 'attachments', column: 'created_by' },
  ],
  ticket_categories: [{ table: 'tickets', column: 'category_id' }],
  products: [{ table: 'work_order_items', column: 'product_id' }],
};

/** Gives a row the team's id and moves every reference with it (foreign keys are deferred to the commit). */
function reId(sqlite: Database.Database, table: string, from: string, to: string): void {
  sqlite.prepare(`UPDATE "${table}" SET id = ? WHERE id = ?`).run(to, from);
  for (const ref of REFERENCES[table] ?? []) sqlite.prepare(`UPDATE "${ref.table}" SET "${ref.column}" = ? WHERE "${ref.column}" = ?`).run(to, from);
}

const QUOTED_UUID = /"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g;

/**
 * The ids inside timeline events' JSON (an assignment's from and to) follow too, in one pass. The timeline is
 * append-only; its guard is lifted for these updates, while this copy's events have not yet left it (the op log is
 * rebuilt right after).
 */
function reIdInTimeline(sqlite: Database.Database, ids: ReadonlyMap<string, string>): void {
  if (ids.size === 0) return;
  const guard = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'tr_ticket_timeline_no_update'").get() as { sql: string } | undefined;
  if (guard) sqlite.exec('DROP TRIGGER tr_ticket_timeline_no_update');
  const update = sqlite.prepare('UPDATE ticket_timeline SET meta_data = ? WHERE id = ?');
  const naming = sqlite
    .prepare('SELECT id, meta_data FROM ticket_timeline t WHERE meta_data IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(?) WHERE instr(t.meta_data, value) > 0)')
    .all(JSON.stringify([...ids.keys()])) as { id: string; meta_data: string }[];
  for (const row of naming) {
    const moved = row.meta_data.replace(QUOTED_UUID, (quoted, id: string) => (ids.has(id) ? `"${ids.get(id)}"` : quoted));
    if (moved !== row.meta_data) update.run(moved, row.id);
  }
  if (guard) sqlite.exec(guard.sql);
}

/** Local rows whose natural key (case-insensitive) matches a directory row: local id → team id. */
function matches(sqlite: Database.Database, table: string, column: string, directory: readonly { id: string; key: string }[]): Map<string, string> {
  const found = new Map<string, string>();
  const find = sqlite.prepare(`SELECT id FROM "${table}" WHERE lower("${column}") = lower(?)`);
  for (const row of directory) {
    const local = find.get(row.key) as { id: string } | undefined;
    if (local) found.set(local.id, row.id);
  }
  return found;
}

function adoptAll(sqlite: Database.Database, table: string, pairs: Map<string, string>, adopted: AdoptedRow[], moved: Map<string, string>): void {
  for (const [from, to] of pairs) {
    if (from !== to) {
      reId(sqlite, table, from, to);
      moved.set(from, to);
    }
    adopted.push({ entity: table, rowId: to });
  }
}

/** A local username that a different person of the team holds gets the slot as suffix (ana → ana-03). */
function renameCollidingUsernames(sqlite: Database.Database, directory: TeamDirectory, slot: number): MergeOutcome['renamedUsers'] {
  const renamed: MergeOutcome['renamedUsers'] = [];
  const taken = (username: string) =>
    directory.users.some((user) => user.username.toLowerCase() === username.toLowerCase()) ||
    sqlite.prepare('SELECT 1 FROM users WHERE lower(username) = lower(?)').get(username) !== undefined;
  for (const teamUser of directory.users) {
    const local = sqlite.prepare('SELECT id, username FROM users WHERE lower(username) = lower(?) AND id <> ?').get(teamUser.username, teamUser.id) as
      | { id: string; username: string }
      | undefined;
    if (!local) continue;
    let candidate = `${local.username}-${String(slot).padStart(2, '0')}`;
    for (let n = 2; taken(candidate); n++) candidate = `${local.username}-${String(slot).padStart(2, '0')}-${n}`;
    sqlite.prepare('UPDATE users SET username = ?, version = version + 1 WHERE id = ?').run(candidate, local.id);
    renamed.push({ id: local.id, from: local.username, to: candidate });
  }
  return renamed;
}

/**
 * The team's templates, plus the joining copy's of the OT types the team has none for (its OTs' answers are kept by
 * them); null when the copy brings none the team lacks.
 */
function withOwnChecklistTypes(teamValue: string, ownValue: string): string | null {
  const team = JSON.parse(teamValue) as Record<string, unknown>;
  const own = JSON.parse(ownValue) as Record<string, unknown>;
  if (Object.keys(own).every((type) => type in team)) return null;
  return JSON.stringify({ ...own, ...team });
}

const EMPTY_TEXT = JSON.stringify('');

/**
 * This copy takes the team's replicated settings. A key the team never set (or left blank) keeps this copy's value
 * (templates, SLA targets, the company's details a copy with data was set up with), and so does a checklist of an OT
 * type the team has none for: those rows stay in the baseline, which takes them to the team.
 */
function adoptSettings(sqlite: Database.Database, directory: TeamDirectory, at: string, adopted: AdoptedRow[]): void {
  const team = new Map(directory.settings.map((row) => [row.key, row.value]));
  const ownValue = sqlite.prepare('SELECT value FROM settings WHERE key = ?');
  for (const key of REPLICATED_SETTING_KEYS) {
    const teamValue = team.get(key);
    const own = (ownValue.get(key) as { value: string } | undefined)?.value;
    // An empty company detail (a blank phone saved with the rest of the form) is one the team never filled either.
    if (teamValue === undefined || (teamValue === EMPTY_TEXT && own !== undefined)) continue;
    const merged = key === 'checklistTemplates' && own !== undefined ? withOwnChecklistTypes(teamValue, own) : null;
    sqlite
      .prepare('INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, merged ?? teamValue, at, at);
    if (merged === null) adopted.push({ entity: 'settings', rowId: key });
  }
}

/** Must run with capture off and foreign keys deferred, inside the join's transaction. */
export function mergeWithDirectory(sqlite: Database.Database, directory: TeamDirectory, slot: number, at: string): MergeOutcome {
  const adopted: AdoptedRow[] = [];
  const moved = new Map<string, string>();
  adoptAll(sqlite, 'roles', matches(sqlite, 'roles', 'name', directory.roles.map((r) => ({ id: r.id, key: r.name }))), adopted, moved);
  const users = matches(sqlite, 'users', 'email', directory.users.map((u) => ({ id: u.id, key: u.email })));
  adoptAll(sqlite, 'users', users, adopted, moved);
  adoptAll(sqlite, 'ticket_categories', matches(sqlite, 'ticket_categories', 'name', directory.categories.map((c) => ({ id: c.id, key: c.name }))), adopted, moved);
  adoptAll(sqlite, 'products', matches(sqlite, 'products', 'sku', directory.products.map((p) => ({ id: p.id, key: p.sku }))), adopted, moved);
  reIdInTimeline(sqlite, moved);
  const renamedUsers = renameCollidingUsernames(sqlite, directory, slot);
  adoptSettings(sqlite, directory, at, adopted);
  return { adopted, users, renamedUsers };
}
