// Services read and write through statements prepared once per connection (db/statements.ts).
export { prepared } from '../../db/statements';

/** A generated migration file's text: its comment head, then the statements with drizzle's breakpoints. */
export function migrationFileText(head: string, statements: readonly string[]): string {
  return `${head}${statements.join(';\n--> statement-breakpoint\n')};\n`;
}

/**
 * `LIMIT n` written into the statement. SQLite plans with a bound LIMIT's value, so a statement with `LIMIT ?` is
 * compiled again at every call; a page size in the text costs one statement per size, and the sizes are few.
 */
export function limitSql(rows: number): string {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`a row limit is a whole number from 0, not ${rows}`);
  return `LIMIT ${rows}`;
}
