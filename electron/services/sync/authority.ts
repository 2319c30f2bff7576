// Who may author an op: checked on arrival against the author's role on this copy, never the sender's word.
import type Database from 'better-sqlite3';
import { normalizePermissions } from '../../contract/access';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import type { ReplicatedEntity } from './entities';

// What a user may change about themselves without users:admin (their own password).
const OWN_USER_FIELDS = new Set(['password_hash', 'updated_at']);

export function authorMayMake(sqlite: Database.Database, op: OpRecord, entity: ReplicatedEntity): boolean {
  // No author: the rows a copy had before it joined (its baseline) and the first administrator it made.
  if (op.authorId === null) return op.kind === 'insert';
  const author = prepared(
    sqlite,
    'SELECT u.is_superuser, u.is_active, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = ?',
  ).get(op.authorId) as { is_superuser: number; is_active: number; permissions: string | null } | undefined;
  if (!author) return false;
  if (author.is_superuser === 1) return true;
  const permissions = new Set(normalizePermissions(author.permissions === null ? [] : JSON.parse(author.permissions)));
  if (permissions.has('*')) return true;
  if (entity.table === 'users' && op.kind === 'update' && op.rowId === op.authorId && Object.keys(op.fields).every((field) => OWN_USER_FIELDS.has(field))) {
    return true;
  }
  return entity.permissions.some((permission) => permissions.has(permission));
}
