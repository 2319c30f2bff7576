// Network-sync handlers: thin calls into services/sync/background/channels.
import type { teamNetChannels } from '../../contract/teamNet';
import { findHubs, hubGet, hubSet, pairCode, pairWithHubChannel, syncNetStatus, syncNow } from '../../services/sync/background/channels';
import type { HandlerMap } from './types';

export const teamNetHandlers: HandlerMap<keyof typeof teamNetChannels> = {
  'sync.status': (ctx) => syncNetStatus(ctx),
  'sync.now': (ctx) => syncNow(ctx),
  'team.hubGet': (ctx) => hubGet(ctx),
  'team.hubSet': (ctx, input) => hubSet(ctx, input),
  'team.pairCode': (ctx) => pairCode(ctx),
  'team.discoverHubs': (ctx) => findHubs(ctx),
  'team.pairWithHub': (ctx, input) => pairWithHubChannel(ctx, input),
};
