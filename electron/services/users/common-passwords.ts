// The most common passwords, from zxcvbn-ts's maintained list (a dependency, read offline), refused as new passwords.
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../contract';

const MIN_PASSWORD_LENGTH = 10;
let common: Set<string> | null = null;

/** Built on first use: only the entries a password of ours could be (the list is lower case). */
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary['passwords-common'].filter((entry) => entry.length >= MIN_PASSWORD_LENGTH)));
}

export function assertNotCommonPassword(password: string, field = 'password'): void {
  if (commonPasswords().has(password.toLowerCase())) {
    throw new AppError('VALIDATION', 'this password is one of the most common ones; choose another', { reason: 'common_password', field });
  }
}
