// The conflict inbox service: list what the merge could not settle, and resolve it (inboxResolve.ts).
import type { ConflictDto } from '../../contract/conflicts';
import { requireActor, type ServiceContext } from '../context';
import { listConflictRows, toConflictDto } from './inboxList';

export { resolveConflict } from './inboxResolve';

export function listConflicts(ctx: ServiceContext, input: { status?: 'open' | 'resolved' | 'all' | undefined }): ConflictDto[] {
  requireActor(ctx);
  return listConflictRows(ctx.sqlite, input.status ?? 'open').map((row) => toConflictDto(ctx.sqlite, row));
}
