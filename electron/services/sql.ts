// Services read and write through statements prepared once per connection (db/statements.ts).
export { prepared } from '../../db/statements';

/** A generated migration file's text: its comment head, then the statements with drizzle's breakpoints. */
export function migrationFileText(head: string, statements: readonly string[]): string {
  return `${head}${statements.join(';\n--> statement-breakpoint\n')};\n`;
}
