// Who may author an op: checked on arrival against the author's role on this copy, never the sender's word.
// Rights are judged as of the op's clock: a role narrowed after the op was made does not refuse it on copies that
// learn of the narrowing first, and a grant made after a refused op never validates it later. Every copy that holds
// the same role and user history thus decides the same.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import { readClock } from './clocks';
import type { ReplicatedEntity } from './entities';
import { grantAllows, grantLookups, needsNoAuthor, rightsAllow, rightsSince, toRights, type AuthorRights } from './mergeRules';

interface CurrentRights {
  rights: AuthorRights;
  /** The newest clock among the fields the rights come from: an op stamped after it is judged by today's rows. */
  since: string;
}

interface PersonRow {
  is_superuser: number;
  role_id: string | null;
}

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
        found = { rights: toRights(row.is_superuser, row.permissions), since: rightsSince(user, role, row.role_id) };
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
    return toRights(superuser, this.rolePermissionsRaw(sqlite, roleId, hlc));
  }

  private rolePermissionsRaw(sqlite: Database.Database, roleId: string, hlc: string): unknown {
    return (
      fieldAsOf(sqlite, 'roles', roleId, 'permissions', hlc)?.value ??
      (prepared(sqlite, 'SELECT permissions FROM roles WHERE id = ?').get(roleId) as { permissions: string } | undefined)?.permissions
    );
  }

  /** A role's permissions as of `hlc` (empty when there is no such role). */
  rolePermissions(sqlite: Database.Database, roleId: string, hlc: string): ReadonlySet<string> {
    return toRights(false, this.rolePermissionsRaw(sqlite, roleId, hlc)).permissions;
  }

  clear(): void {
    this.current.clear();
  }
}

export function authorMayMake(sqlite: Database.Database, op: OpRecord, entity: ReplicatedEntity, cache = new AuthorRightsCache()): boolean {
  if (op.authorId === null) return needsNoAuthor(op);
  const author = cache.of(sqlite, op.authorId, op.hlc);
  if (!rightsAllow(op, entity, author)) return false;
  const lookups = grantLookups(op, entity, author);
  if (!lookups || !author) return true;
  return grantAllows(op, entity, author, {
    target: lookups.userId === null ? null : cache.of(sqlite, lookups.userId, op.hlc),
    rolePermissions: lookups.roleId === null ? new Set() : cache.rolePermissions(sqlite, lookups.roleId, op.hlc),
  });
}
