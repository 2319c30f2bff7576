import { z } from 'zod';
import { empty, nonEmpty, password } from './common';
import { channel } from './define';
import type { AuthStatusDto, MeDto, UserDto } from './dto';

export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash or underscore');

export const setupInput = z.strictObject({
  email,
  username,
  password,
  fullName: nonEmpty(200),
  companyName: z.string().trim().max(200).optional(),
});

export const loginInput = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const changePasswordInput = z.strictObject({
  oldPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const authChannels = {
  'auth.status': channel<AuthStatusDto>()({ input: empty, access: 'public' }),
  'auth.setup': channel<UserDto>()({ input: setupInput, access: 'public' }),
  'auth.login': channel<{ user: UserDto }>()({ input: loginInput, access: 'public' }),
  'auth.logout': channel<null>()({ input: empty, access: 'public' }),
  'auth.me': channel<MeDto>()({ input: empty, access: 'session' }),
  'auth.changePassword': channel<null>()({ input: changePasswordInput, access: 'session' }),
};
