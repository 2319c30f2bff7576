// Who may author an op: checked on arrival against the author's role on this copy, never the sender's word.
// Rights are judged as of the op's clock: a role narrowed after the op was made does not refuse it on copies that
// learn of the narrowing first, and a grant made after a refused op never validates it later. Every copy that holds
// the same role and user history thus decides the same.
import type Database from 'better-sqlite3';
import { normalizePermissions } from '../../contract/access';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import { fieldClock, readClock } from './clocks';
import type { ReplicatedEntity } from './entities';

// What a user may change about themselves without users:admin (their own password).
const OWN_USER_FIELDS = new Set(['password_hash', 'updated_at']);

type Rights = { superuser: boolean; permissions: ReadonlySet<string> };
type AuthorRights = Rights | null;

interface CurrentRights {
  rights: AuthorRights;
  /** The newest clock among the fields the rights come from: an op stamped after it is judged by today's rows. */
  since: string;
}

interface PersonRow {
  is_superuser: number;
  role_id: string | null;
}

const toRights = (superuser: unknown, permissions: unknown): Rights => ({
  superuser: superuser === 1 || superuser === true,
  permissions: new Set(normalizePermissions(typeof permissions === 'string' ? JSON.parse(permissions) : (permissions ?? []))),
});

/**
 * The value a field of a user or role had at `hlc`, from the applied ops; undefined when the log holds none (a
 * snapshot's rows). The entity is written into the SQL so the planner uses that entity's partial index.
 */
function fieldAsOf(sqlite: Database.Database, entity: 'users' | 'roles', rowId: string, field: string, hlc: string): { value: unknown } | undefined {
  const row = prepared(
    sqlite,
    `SELECT json_extract(fields, '$.' || ?) AS value FROM sync_ops INDEXED BY ix_sync_ops_${entity}
     WHERE entity = '${entity}' AND row_id = ? AND hlc <= ? AND status = 'applied' AND json_type(fields, '$.' || ?) IS NOT NULL
     ORDER BY hlc DESC LIMIT 1`,
  ).get(field, rowId, hlc, field) as { value: unknown } | undefined;
  return row;
}

/** Rights of the authors met in one batch; cleared whenever an op of the batch changes a user or a role. */
export class AuthorRightsCache {
  private readonly current = new Map<string, CurrentRights>();

  private currentOf(sqlite: Database.Database, authorId: string): CurrentRights {
    let found = this.current.get(authorId);
    if (found === undefined) {
      const row = prepared(sqlite, 'SELECT u.is_superuser, u.role_id, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = ?').get(authorId) as
        | (PersonRow & { permissions: string | null })
        | undefined;
      if (!row) found = { rights: null, since: '' };
      else {
        const user = readClock(sqlite, 'users', authorId);
        const role = row.role_id ? readClock(sqlite, 'roles', row.role_id) : null;
        const since = [fieldClock(user, 'is_superuser'), fieldClock(user, 'role_id'), row.role_id ? fieldClock(role, 'permissions') : ''].reduce((a, b) => (a > b ? a : b));
        found = { rights: toRights(row.is_superuser, row.permissions), since };
      }
      this.current.set(authorId, found);
    }
    return found;
  }

  /** The author's rights as of `hlc`: today's when nothing they depend on changed since, else rebuilt from the log. */
  of(sqlite: Database.Database, authorId: string, hlc: string): AuthorRights {
    const current = this.currentOf(sqlite, authorId);
    if (current.rights === null || hlc >= current.since) return current.rights;
    const person = prepared(sqlite, 'SELECT is_superuser, role_id FROM users WHERE id = ?').get(authorId) as PersonRow;
    const superuser = fieldAsOf(sqlite, 'users', authorId, 'is_superuser', hlc)?.value ?? person.is_superuser;
    const roleOp = fieldAsOf(sqlite, 'users', authorId, 'role_id', hlc);
    const roleId = (roleOp ? roleOp.value : person.role_id) as string | null;
    if (roleId === null) return toRights(superuser, []);
    const permissions =
      fieldAsOf(sqlite, 'roles', roleId, 'permissions', hlc)?.value ??
      (prepared(sqlite, 'SELECT permissions FROM roles WHERE id = ?').get(roleId) as { permissions: string } | undefined)?.permissions;
    return toRights(superuser, permissions);
  }

  clear(): void {
    this.current.clear();
  }
}

export function authorMayMake(sqlite: Database.Database, op: OpRecord, entity: ReplicatedEntity, cache = new AuthorRightsCache()): boolean {
  // No author: the rows a copy had before it joined (its baseline) and the first administrator it made.
  if (op.authorId === null) return op.kind === 'insert';
  const author = cache.of(sqlite, op.authorId, op.hlc);
  if (!author) return false;
  if (author.superuser) return true;
  const permissions = author.permissions;
  if (permissions.has('*')) return true;
  if (entity.table === 'users' && op.kind === 'update' && op.rowId === op.authorId && Object.keys(op.fields).every((field) => OWN_USER_FIELDS.has(field))) {
    return true;
  }
  return entity.permissions.some((permission) => permissions.has(permission));
}
