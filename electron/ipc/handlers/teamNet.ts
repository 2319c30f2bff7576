// Network-sync handlers: thin calls into services/sync/background/channels. Pairing may merge the caller into the
// team's user of the same e-mail: the session then moves to that id so the window stays signed in.
import type { teamNetChannels } from '../../contract/teamNet';
import { findHubs, hubGet, hubSet, pairCode, pairFirstRun, pairWithHubChannel, syncNetStatus, syncNow } from '../../services/sync/background/channels';
import type { HandlerMap } from './types';

export const teamNetHandlers: HandlerMap<keyof typeof teamNetChannels> = {
  'sync.status': (ctx) => syncNetStatus(ctx),
  'sync.now': (ctx) => syncNow(ctx),
  'team.hubGet': (ctx) => hubGet(ctx),
  'team.hubSet': (ctx, input) => hubSet(ctx, input),
  'team.pairCode': (ctx) => pairCode(ctx),
  'team.discoverHubs': (ctx) => findHubs(ctx),
  'team.pairWithHub': async (ctx, input, call) => {
    const { result, actorId } = await pairWithHubChannel(ctx, input);
    // Joining may give the caller's user the team's id (same e-mail): the session follows, as in team.join.
    if (actorId !== null && ctx.actor !== null && actorId !== ctx.actor.id) call.startSession(actorId);
    return result;
  },
  // Public, but refused once the install has users: see pairFirstRun.
  'team.pairFirstRun': (ctx, input) => pairFirstRun(ctx, input),
};
