import { loginKey } from '../contract/auth';

/** A LIKE pattern for "contains", with the user's %, _ and \ taken literally (use with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The first of `rows` whose value names the same thing as `value`, in any case or Unicode spelling (the form logins
 *  are stored in): SQLite's lower() folds ASCII only, so there 'TÉCNICO' and 'Técnico' differ. */
export function findSameName<T>(rows: readonly T[], valueOf: (row: T) => string, value: string): T | undefined {
  const key = loginKey(value);
  return rows.find((row) => loginKey(valueOf(row)) === key);
}
