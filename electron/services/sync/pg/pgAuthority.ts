// Who may author an op, on the hub: the laptop's rule (authority.ts, mergeRules.ts) with the author's rights read
// from PostgreSQL, as of the op's clock.
import type { OpRecord } from '../capture';
import type { ReplicatedEntity } from '../entities';
import { grantAllows, grantLookups, needsNoAuthor, rightsAllow, rightsSince, toRights, type AuthorRights } from '../mergeRules';
import { pgReadClock } from './pgRows';
import { pgRun, type PgClient } from './pgSql';

interface CurrentRights {
  rights: AuthorRights;
  since: string;
}

/** The value a field of a user or role had at `hlc`, from the applied ops; undefined when the log holds none. */
async function fieldAsOf(client: PgClient, entity: 'users' | 'roles', rowId: string, field: string, hlc: string): Promise<{ value: unknown } | undefined> {
  const rows = await pgRun<{ value: unknown }>(
    client,
    `SELECT fields -> $1::text AS value FROM sync_ops
     WHERE entity = '${entity}' AND row_id = $2 AND hlc <= $3 AND status = 'applied' AND fields -> $1::text IS NOT NULL
     ORDER BY hlc DESC LIMIT 1`,
    [field, rowId, hlc],
  );
  return rows[0];
}

/** Rights of the authors met in one batch; cleared whenever an op of the batch changes a user or a role. */
export class PgAuthorRightsCache {
  private readonly current = new Map<string, CurrentRights>();

  /** `beforeLogRead`: runs before the log is read for older rights (the batch writes its pending ops first). */
  constructor(private readonly beforeLogRead: () => Promise<void> = async () => {}) {}

  private async currentOf(client: PgClient, authorId: string): Promise<CurrentRights> {
    let found = this.current.get(authorId);
    if (found === undefined) {
      const rows = await pgRun<{ is_superuser: boolean; role_id: string | null; permissions: unknown }>(
        client,
        'SELECT u.is_superuser, u.role_id, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = $1',
        [authorId],
      );
      const row = rows[0];
      if (!row) found = { rights: null, since: '' };
      else {
        const user = await pgReadClock(client, 'users', authorId);
        const role = row.role_id ? await pgReadClock(client, 'roles', row.role_id) : null;
        found = { rights: toRights(row.is_superuser, row.permissions), since: rightsSince(user, role, row.role_id) };
      }
      this.current.set(authorId, found);
    }
    return found;
  }

  async of(client: PgClient, authorId: string, hlc: string): Promise<AuthorRights> {
    const current = await this.currentOf(client, authorId);
    if (current.rights === null || hlc >= current.since) return current.rights;
    await this.beforeLogRead();
    const [person] = await pgRun<{ is_superuser: boolean; role_id: string | null }>(client, 'SELECT is_superuser, role_id FROM users WHERE id = $1', [authorId]);
    const superuser = (await fieldAsOf(client, 'users', authorId, 'is_superuser', hlc))?.value ?? person?.is_superuser;
    const roleOp = await fieldAsOf(client, 'users', authorId, 'role_id', hlc);
    const roleId = (roleOp ? roleOp.value : (person?.role_id ?? null)) as string | null;
    if (roleId === null) return toRights(superuser, []);
    return toRights(superuser, await this.rolePermissionsRaw(client, roleId, hlc));
  }

  private async rolePermissionsRaw(client: PgClient, roleId: string, hlc: string): Promise<unknown> {
    return (
      (await fieldAsOf(client, 'roles', roleId, 'permissions', hlc))?.value ??
      (await pgRun<{ permissions: unknown }>(client, 'SELECT permissions FROM roles WHERE id = $1', [roleId]))[0]?.permissions
    );
  }

  /** A role's permissions as of `hlc` (empty when there is no such role). */
  async rolePermissions(client: PgClient, roleId: string, hlc: string): Promise<ReadonlySet<string>> {
    await this.beforeLogRead();
    return toRights(false, await this.rolePermissionsRaw(client, roleId, hlc)).permissions;
  }

  clear(): void {
    this.current.clear();
  }
}

export async function pgAuthorMayMake(client: PgClient, op: OpRecord, entity: ReplicatedEntity, cache: PgAuthorRightsCache): Promise<boolean> {
  if (op.authorId === null) return needsNoAuthor(op);
  const author = await cache.of(client, op.authorId, op.hlc);
  if (!rightsAllow(op, entity, author)) return false;
  const lookups = grantLookups(op, entity, author);
  if (!lookups || !author) return true;
  return grantAllows(op, entity, author, {
    target: lookups.userId === null ? null : await cache.of(client, lookups.userId, op.hlc),
    rolePermissions: lookups.roleId === null ? new Set() : await cache.rolePermissions(client, lookups.roleId, op.hlc),
  });
}
