import { z } from 'zod';
import { PERMISSIONS } from '../../shared/enums';
import { email, username } from './auth';
import { byId, empty, id, listQuery, nameText, password, version } from './common';
import { channel } from './define';
import type { DirectoryUser, RoleDto, UserDto } from './dto';

export const userCreateInput = z.strictObject({
  email,
  username,
  password,
  fullName: nameText(200),
  roleId: id.nullable(),
});

export const userUpdateInput = z.strictObject({
  id,
  version,
  email: email.optional(),
  username: username.optional(),
  fullName: nameText(200).optional(),
  roleId: id.nullable().optional(),
  isActive: z.boolean().optional(),
});

export const permissionList = z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length);

export const roleCreateInput = z.strictObject({ name: nameText(50), permissions: permissionList });
export const roleUpdateInput = z.strictObject({
  id,
  version,
  name: nameText(50).optional(),
  permissions: permissionList.optional(),
});

/** A user's OTs still to be done, any date (the deactivate dialog says them: they stay assigned to that person). */
export interface OpenWorkOrderCounts {
  scheduled: number;
  inProgress: number;
}

export const userChannels = {
  'users.list': channel<UserDto[]>()({
    input: listQuery.extend({ includeInactive: z.boolean().optional() }),
    access: 'users:admin',
  }),
  /** Active users; with includeInactive the deactivated ones too (the OT and agenda filters find their visits). */
  'users.directory': channel<DirectoryUser[]>()({ input: z.strictObject({ includeInactive: z.boolean().optional() }), access: 'session' }),
  'users.create': channel<UserDto>()({ input: userCreateInput, access: 'users:admin' }),
  'users.update': channel<UserDto>()({ input: userUpdateInput, access: 'users:admin' }),
  'users.deactivate': channel<UserDto>()({ input: z.strictObject({ id, version }), access: 'users:admin' }),
  'users.openWorkOrders': channel<OpenWorkOrderCounts>()({ input: byId, access: 'users:admin' }),
  'users.resetPassword': channel<null>()({
    input: z.strictObject({ id, newPassword: password }),
    access: 'users:admin',
  }),
  'roles.list': channel<RoleDto[]>()({ input: empty, access: 'session' }),
  'roles.create': channel<RoleDto>()({ input: roleCreateInput, access: 'users:admin' }),
  'roles.update': channel<RoleDto>()({ input: roleUpdateInput, access: 'users:admin' }),
  'roles.delete': channel<null>()({ input: byId, access: 'users:admin' }),
};
