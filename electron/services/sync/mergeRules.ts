// The merge's decisions, with no database: the laptop's applier (apply.ts, SQLite) and the hub's (pg/, PostgreSQL)
// both call these, so the two can only differ in how they read and write rows, never in what they decide.
import { normalizePermissions } from '../../contract/access';
import type { OpRecord } from './capture';
import { fieldClock, type RowClock } from './clocks';
import type { ReplicatedEntity } from './entities';
import { isTooFarAhead, parseHlc } from './hlc';

/** Why an op was not applied: held ones are tried again on the next exchange, the others never. */
export type SetAsideReason = 'forbidden' | 'revoked' | 'invalid' | 'future' | 'waiting';
export const RETRIED: readonly SetAsideReason[] = ['future', 'waiting'];
export type OpStatus = 'applied' | SetAsideReason;

/** Ops of a batch are applied in clock order (seq breaks ties within a device). */
export const compareOps = (a: OpRecord, b: OpRecord): number => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.seq - b.seq);

/** Where an op stands against the highest seq held of its device: already held, the next one, or past a gap. */
export function contiguity(op: OpRecord, seen: number, localDeviceId: string | null): 'duplicate' | 'gap' | 'next' {
  if (op.seq <= seen || op.deviceId === localDeviceId) return 'duplicate';
  return op.seq === seen + 1 ? 'next' : 'gap';
}

// A final OT status beats an open one, whatever the clocks say; among equals the later write wins.
export const WORK_ORDER_STATUS_RANK: Readonly<Record<string, number>> = { pending_planning: 0, scheduled: 0, in_progress: 1, cancelled: 2, completed: 3 };

/** Pull order, a merge of each device's ops: the index of the head with the earliest stamp (-1 when all are done). */
export function earliestHead(heads: readonly IteratorResult<OpRecord>[]): number {
  let best = -1;
  heads.forEach((head, index) => {
    if (head.done) return;
    const current = best >= 0 ? (heads[best]!.value as OpRecord) : null;
    if (!current || head.value.hlc < current.hlc) best = index;
  });
  return best;
}

export function fieldWins(entity: ReplicatedEntity, field: string, op: OpRecord, clock: RowClock | null, current: Record<string, unknown> | undefined): boolean {
  if (entity.table === 'work_orders' && field === 'status' && current) {
    const incoming = WORK_ORDER_STATUS_RANK[String(op.fields[field])] ?? 0;
    const present = WORK_ORDER_STATUS_RANK[String(current[field])] ?? 0;
    if (incoming !== present) return incoming > present;
  }
  return op.hlc > fieldClock(clock, field);
}

/** The fields of an update (or an insert of a row that exists) that win against the row here; empty when none. */
export function winningFields(entity: ReplicatedEntity, op: OpRecord, clock: RowClock | null, current: Record<string, unknown>): string[] {
  return Object.keys(op.fields).filter((field) => entity.columns.includes(field) && fieldWins(entity, field, op, clock, current));
}

/**
 * A row keyed by name (a setting) can come back after a delete: an insert newer than the tombstone revives it.
 * An add-only row (an OT item) never does: its insert arriving after its delete stays deleted.
 */
export function insertBlockedByTombstone(entity: ReplicatedEntity, clock: RowClock | null, hlc: string): boolean {
  return Boolean(clock?.deletedHlc) && (entity.merge !== 'lww' || (clock?.deletedHlc as string) >= hlc);
}

/** A delete that changes nothing: an equal or newer tombstone is there, or (lww) an insert newer than it revived the row. */
export function deleteLoses(entity: ReplicatedEntity, clock: RowClock | null, hlc: string): boolean {
  if (clock?.deletedHlc && clock.deletedHlc >= hlc) return true;
  return entity.merge === 'lww' && clock !== null && !clock.deletedHlc && clock.rowHlc > hlc;
}

/**
 * Fields merged from different ops can make a row its table's CHECK refuses: a ticket closed by one copy whose
 * resolution was cleared by another (two opposite decisions made offline). The op would wait forever on some
 * copies and the copies would never agree; instead every copy writes the same stand-in, without moving its clock,
 * and the concurrent edit of the resolution stays in the conflict inbox for a person to settle.
 */
export function keepRowValid(entity: ReplicatedEntity, current: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  if (entity.table !== 'tickets') return {};
  const merged = { ...current, ...values };
  return merged.status === 'closed' && merged.resolution === null ? { resolution: '' } : {};
}

/** The value a natural key takes when another row holds it: `name-abcd`, or `user+abcd@host` for an email. */
export function naturalKeySuffix(column: string, rowId: string, text: string): string {
  return column === 'email' ? text.replace('@', `+${rowId.slice(-4)}@`) : `${text}-${rowId.slice(-4)}`;
}

/** Of two rows with one natural key, the one inserted later takes the suffix (the same on every copy). */
export const incomingTakesSuffix = (rowHlc: string, otherHlc: string): boolean => rowHlc > otherHlc;

export function isValid(op: OpRecord, entity: ReplicatedEntity | undefined, schemaVersion: number): entity is ReplicatedEntity {
  if (!entity || parseHlc(op.hlc) === null || op.schemaVersion > schemaVersion) return false;
  if (!['insert', 'update', 'delete'].includes(op.kind) || typeof op.fields !== 'object' || op.fields === null) return false;
  return Object.keys(op.fields).every((field) => entity.columns.includes(field));
}

/** What refuses an op before its author's rights are looked at, in the order every copy checks it. */
export function refusalBeforeRights(op: OpRecord, entity: ReplicatedEntity, revokedAt: string | null, nowMs: number): 'revoked' | 'future' | null {
  if (revokedAt !== null && op.hlc.slice(0, 24) > revokedAt) return 'revoked';
  if (isTooFarAhead(op.hlc, nowMs)) return 'future';
  return null;
}

// ----- Authority: who may author an op, given the author's rights as of its clock ---------------------------------

// What a user may change about themselves without users:admin (their own password).
const OWN_USER_FIELDS = new Set(['password_hash', 'updated_at']);

export type Rights = { superuser: boolean; permissions: ReadonlySet<string> };
/** Null: the author is not a user here (yet). */
export type AuthorRights = Rights | null;

/** Rights from a user's superuser flag (0/1 or a boolean) and a role's permissions (JSON text or parsed). */
export const toRights = (superuser: unknown, permissions: unknown): Rights => ({
  superuser: superuser === 1 || superuser === true,
  permissions: new Set(normalizePermissions(typeof permissions === 'string' ? JSON.parse(permissions) : (permissions ?? []))),
});

/** The newest clock among the fields the author's rights come from: an op stamped after it is judged by today's rows. */
export function rightsSince(user: RowClock | null, role: RowClock | null, roleId: string | null): string {
  return [fieldClock(user, 'is_superuser'), fieldClock(user, 'role_id'), roleId ? fieldClock(role, 'permissions') : ''].reduce((a, b) => (a > b ? a : b));
}

/** An op with no author is a row a copy had before it joined (its baseline) or the first administrator it made. */
export const needsNoAuthor = (op: OpRecord): boolean => op.kind === 'insert';

const holdsEverything = (author: Rights): boolean => author.superuser || author.permissions.has('*');
const isOwnPasswordChange = (op: OpRecord, entity: ReplicatedEntity): boolean =>
  entity.table === 'users' && op.kind === 'update' && op.rowId === op.authorId && Object.keys(op.fields).every((field) => OWN_USER_FIELDS.has(field));

export function rightsAllow(op: OpRecord, entity: ReplicatedEntity, author: AuthorRights): boolean {
  if (!author) return false;
  if (holdsEverything(author)) return true;
  if (isOwnPasswordChange(op, entity)) return true;
  const permissions = author.permissions;
  const needed = op.kind === 'delete' && entity.deletePermissions ? entity.deletePermissions : entity.permissions;
  if (needed.some((permission) => permissions.has(permission))) return true;
  return op.kind === 'update' && (entity.narrowWriters ?? []).some((writer) => writer.permissions.some((p) => permissions.has(p)) && onlyTouches(op, writer.fields));
}

/** Every field of the op is listed, with an allowed value. */
function onlyTouches(op: OpRecord, fields: Readonly<Record<string, readonly string[] | null>>): boolean {
  return Object.entries(op.fields).every(([field, value]) => {
    if (!Object.hasOwn(fields, field)) return false;
    const allowed = fields[field];
    return allowed === null || (allowed !== undefined && typeof value === 'string' && allowed.includes(value));
  });
}

// ----- Grants: users:admin alone never hands out more than its holder has (services/users/grants.ts, on every copy)

/** What the grant rule must look up for an op its author may otherwise make: null when nothing (the usual case). */
export interface GrantLookups {
  /** users: the user the op changes (its rights as of the op's clock; null rights: not there yet). */
  userId: string | null;
  /** users: the role the op assigns; roles: the role the op changes (its permissions as of the op's clock). */
  roleId: string | null;
}

export function grantLookups(op: OpRecord, entity: ReplicatedEntity, author: AuthorRights): GrantLookups | null {
  if (!author || holdsEverything(author) || isOwnPasswordChange(op, entity)) return null;
  if (entity.table === 'users') return { userId: op.rowId, roleId: typeof op.fields.role_id === 'string' ? op.fields.role_id : null };
  if (entity.table === 'roles') return { userId: null, roleId: op.rowId };
  return null;
}

export interface GrantFacts {
  /** The changed user's rights as of the op's clock (null: no such user yet). */
  target: AuthorRights;
  /** The looked-up role's permissions as of the op's clock (empty: no such role yet). */
  rolePermissions: ReadonlySet<string>;
}

/**
 * The channels' grant guard (grants.ts) as a rule on ops, for an author without full access: no superuser made or
 * managed, no user managed who holds more than the author, no role assigned, created, widened, edited or deleted
 * that holds more than the author. Otherwise users:admin alone would write to every copy what no screen lets it.
 */
export function grantAllows(op: OpRecord, entity: ReplicatedEntity, author: Rights, facts: GrantFacts): boolean {
  const exceeds = (permissions: Iterable<string>) => [...permissions].some((permission) => !author.permissions.has(permission));
  if (facts.target?.superuser) return false;
  if (facts.target && exceeds(facts.target.permissions)) return false;
  if (exceeds(facts.rolePermissions)) return false;
  if (entity.table === 'users') return !(op.kind !== 'delete' && 'is_superuser' in op.fields && toRights(op.fields.is_superuser, []).superuser);
  if (entity.table === 'roles' && 'permissions' in op.fields) {
    const granted = grantedPermissions(op.fields.permissions);
    return granted !== null && !exceeds(granted);
  }
  return true;
}

/** A role op's permissions (JSON text or parsed); null when they cannot be read (then no grant is allowed). */
function grantedPermissions(raw: unknown): string[] | null {
  try {
    return [...toRights(false, raw).permissions];
  } catch {
    return null;
  }
}
