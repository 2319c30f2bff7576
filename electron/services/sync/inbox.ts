// The conflict inbox service: list what the merge could not settle, and resolve it (inboxResolve.ts).
import { CONFLICT_LIST_LIMIT, type ConflictDto } from '../../contract/conflicts';
import { hasPermission } from '../../contract/access';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { entityOf } from './entities';
import { listConflictRows, toConflictDto, type ConflictRow } from './inboxList';

export { resolveConflict } from './inboxResolve';

/** Whether the actor may change the record a conflict is about (as resolving it needs): a catalog keeper sees the
 *  customer and product conflicts, not the tickets' text. */
function mayChange(actor: Actor, row: ConflictRow): boolean {
  return (entityOf(row.entity)?.permissions ?? []).some((permission) => hasPermission(actor, permission));
}

export function listConflicts(ctx: ServiceContext, input: { status?: 'open' | 'resolved' | 'all' | undefined; limit?: number | undefined }): ConflictDto[] {
  const actor = requireActor(ctx);
  // Only the rows shown are described: each description reads the rows and the op log behind the conflict.
  const rows = listConflictRows(ctx.sqlite, input.status ?? 'open')
    .filter((row) => mayChange(actor, row))
    .slice(0, input.limit ?? CONFLICT_LIST_LIMIT);
  return rows.map((row) => toConflictDto(ctx.sqlite, row));
}
