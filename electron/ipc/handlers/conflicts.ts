import type { conflictChannels } from '../../contract/conflicts';
import { listConflicts, resolveConflict } from '../../services/sync/inbox';
import type { HandlerMap } from './types';

export const conflictHandlers: HandlerMap<keyof typeof conflictChannels> = {
  'conflicts.list': (ctx, input) => listConflicts(ctx, input),
  'conflicts.resolve': (ctx, input) => resolveConflict(ctx, input),
};
