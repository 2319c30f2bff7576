// Auth and user-admin handlers: the only ones that touch sessions.
import type { authChannels } from '../../contract/auth';
import type { userChannels } from '../../contract/users';
import { authenticate, authStatus, changePassword, setup } from '../../services/auth';
import { getUserDto } from '../../services/users/users';
import { createRole, deleteRole, listRoles, updateRole } from '../../services/users/roles';
import { createUser, deactivateUser, listUsers, openWorkOrderCounts, resetPassword, updateUser, userDirectory } from '../../services/users/users';
import { requireActor } from '../../services/context';
import type { HandlerMap } from './types';

export const authHandlers: HandlerMap<keyof typeof authChannels> = {
  'auth.status': (ctx) => authStatus(ctx),
  'auth.setup': (ctx, input) => setup(ctx, input),
  'auth.login': async (ctx, input, call) => {
    const user = await authenticate(ctx, input.login, input.password);
    call.startSession(user.id);
    return { user };
  },
  'auth.logout': (_ctx, _input, call) => {
    call.endSession();
    return null;
  },
  'auth.me': (ctx) => {
    const actor = requireActor(ctx);
    return {
      user: getUserDto(ctx.db, actor.id),
      permissions: actor.isSuperuser ? ['*'] : [...actor.permissions].sort(),
    };
  },
  'auth.changePassword': async (ctx, input, call) => {
    await changePassword(ctx, input);
    // A changed password signs out every other window or device; this one gets a fresh session.
    const actor = requireActor(ctx);
    call.endSessionsOf(actor.id);
    call.startSession(actor.id);
    return null;
  },
};

export const userHandlers: HandlerMap<keyof typeof userChannels> = {
  'users.list': (ctx, input) => listUsers(ctx, input),
  'users.directory': (ctx, input) => userDirectory(ctx, input),
  'users.create': (ctx, input) => createUser(ctx, input),
  'users.update': (ctx, input, call) => {
    const user = updateUser(ctx, input);
    if (input.isActive === false) call.endSessionsOf(user.id);
    return user;
  },
  'users.deactivate': (ctx, input, call) => {
    const user = deactivateUser(ctx, input);
    call.endSessionsOf(user.id);
    return user;
  },
  'users.openWorkOrders': (ctx, input) => openWorkOrderCounts(ctx, input.id),
  'users.resetPassword': async (ctx, input, call) => {
    await resetPassword(ctx, input.id, input.newPassword);
    call.endSessionsOf(input.id);
    return null;
  },
  'roles.list': (ctx) => listRoles(ctx),
  'roles.create': (ctx, input) => createRole(ctx, input),
  'roles.update': (ctx, input) => updateRole(ctx, input),
  'roles.delete': (ctx, input) => deleteRole(ctx, input.id),
};
