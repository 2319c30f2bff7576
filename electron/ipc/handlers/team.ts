// Team handlers: thin calls into services/sync/team*. Joining may give the caller's user the team's id
// (same email): the session then moves to that id so the window stays signed in.
import type { teamChannels } from '../../contract/team';
import { cancelInvitation, createInvitation, createTeam, revokeDevice } from '../../services/sync/team';
import { joinTeam, previewJoin } from '../../services/sync/teamJoin';
import { teamStatus } from '../../services/sync/teamStatus';
import type { HandlerMap } from './types';

export const teamHandlers: HandlerMap<keyof typeof teamChannels> = {
  'team.status': (ctx) => teamStatus(ctx),
  'team.create': (ctx, input) => createTeam(ctx, input),
  'team.invite': (ctx, input) => createInvitation(ctx, input),
  'team.previewJoin': (ctx, input) => previewJoin(ctx, input),
  'team.join': (ctx, input, call) => {
    const { result, actorId } = joinTeam(ctx, input);
    if (result.actorMerged && actorId !== null) call.startSession(actorId);
    return result;
  },
  'team.revoke': (ctx, input) => revokeDevice(ctx, input),
  'team.cancelInvitation': (ctx, input) => cancelInvitation(ctx, input),
};
