// Who may author an op: checked on arrival against the author's role on this copy, never the sender's word.
import type Database from 'better-sqlite3';
import { normalizePermissions } from '../../contract/access';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import type { ReplicatedEntity } from './entities';

// What a user may change about themselves without users:admin (their own password).
const OWN_USER_FIELDS = new Set(['password_hash', 'updated_at']);

type AuthorRights = { superuser: boolean; permissions: ReadonlySet<string> } | null;

/** Rights of the authors met in one batch; cleared whenever an op of the batch changes a user or a role. */
export class AuthorRightsCache {
  private readonly rights = new Map<string, AuthorRights>();

  of(sqlite: Database.Database, authorId: string): AuthorRights {
    let found = this.rights.get(authorId);
    if (found === undefined) {
      const row = prepared(sqlite, 'SELECT u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = ?').get(authorId) as
        | { is_superuser: number; permissions: string | null }
        | undefined;
      found = row ? { superuser: row.is_superuser === 1, permissions: new Set(normalizePermissions(row.permissions === null ? [] : JSON.parse(row.permissions))) } : null;
      this.rights.set(authorId, found);
    }
    return found;
  }

  clear(): void {
    this.rights.clear();
  }
}

export function authorMayMake(sqlite: Database.Database, op: OpRecord, entity: ReplicatedEntity, cache = new AuthorRightsCache()): boolean {
  // No author: the rows a copy had before it joined (its baseline) and the first administrator it made.
  if (op.authorId === null) return op.kind === 'insert';
  const author = cache.of(sqlite, op.authorId);
  if (!author) return false;
  if (author.superuser) return true;
  const permissions = author.permissions;
  if (permissions.has('*')) return true;
  if (entity.table === 'users' && op.kind === 'update' && op.rowId === op.authorId && Object.keys(op.fields).every((field) => OWN_USER_FIELDS.has(field))) {
    return true;
  }
  return entity.permissions.some((permission) => permissions.has(permission));
}
