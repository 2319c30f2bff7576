// The conflict inbox service: list what the merge could not settle, and resolve it (inboxResolve.ts).
import { CONFLICT_LIST_LIMIT, type ConflictDto } from '../../contract/conflicts';
import { requireActor, type ServiceContext } from '../context';
import { listConflictRows, toConflictDto } from './inboxList';

export { resolveConflict } from './inboxResolve';

export function listConflicts(ctx: ServiceContext, input: { status?: 'open' | 'resolved' | 'all' | undefined; limit?: number | undefined }): ConflictDto[] {
  requireActor(ctx);
  // Only the rows shown are described: each description reads the rows and the op log behind the conflict.
  const rows = listConflictRows(ctx.sqlite, input.status ?? 'open').slice(0, input.limit ?? CONFLICT_LIST_LIMIT);
  return rows.map((row) => toConflictDto(ctx.sqlite, row));
}
