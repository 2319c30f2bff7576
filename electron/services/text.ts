import { loginKey } from '../contract/auth';

/** A LIKE pattern for "contains", with the user's %, _ and \ taken literally (use with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQLite's lower(): ASCII letters only (so a bound computed here meets the lower(column) index as SQLite wrote it). */
export function sqliteLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The smallest text above every text that starts with `prefix`, in SQLite's BINARY order (UTF-8 bytes, which is
 * code point order): the last code point plus one. `column >= prefix AND column < bound` is a prefix search an
 * index can answer as a range, where LIKE 'x%' cannot (LIKE folds case its own way). Null when there is no bound.
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = (points.pop() ?? 0) + 1;
    if (last > 0x10ffff) continue;
    // Surrogates are not characters: the next one after U+D7FF is U+E000.
    points.push(last >= 0xd800 && last <= 0xdfff ? 0xe000 : last);
    return String.fromCodePoint(...points);
  }
  return null;
}

/** The first of `rows` whose value names the same thing as `value`, in any case or Unicode spelling (the form logins
 *  are stored in): SQLite's lower() folds ASCII only, so there 'TÉCNICO' and 'Técnico' differ. */
export function findSameName<T>(rows: readonly T[], valueOf: (row: T) => string, value: string): T | undefined {
  const key = loginKey(value);
  return rows.find((row) => loginKey(valueOf(row)) === key);
}
