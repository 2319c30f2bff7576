import { z } from 'zod';
import { empty, nameText, optionalLine, password } from './common';
import { channel } from './define';
import type { AuthStatusDto, MeDto, UserDto } from './dto';

/**
 * The one form a username or email is stored in (the unique columns) and compared in: NFC, so 'Ñ' typed as N + ~
 * is the same letter, then lower case with JavaScript's locale-free Unicode mapping (SQLite's lower() folds ASCII
 * only). Plain lower case rather than full case folding: folding would store 'straße' as 'strasse', changing the
 * name people see, for the handful of letters (ß, final ς) where the two differ.
 */
export function loginKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export const email = z.string().trim().transform(loginKey).pipe(z.email().max(254));
/** Normalised before the rules: 'Ñ' typed as N + combining tilde is a letter once composed. */
export const username = z
  .string()
  .trim()
  .transform(loginKey)
  .pipe(
    z
      .string()
      .min(3)
      .max(64)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash or underscore'),
  );

export const setupInput = z.strictObject({
  email,
  username,
  password,
  fullName: nameText(200),
  companyName: optionalLine(200),
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
