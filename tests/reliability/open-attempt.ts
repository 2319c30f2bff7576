// Child process: opens a database file as the app does and prints the outcome as one JSON line.
// startup-faults runs it as an unprivileged user, so permission tests mean something when the tests run as root (CI).
import { DatabaseOpenError } from '../../db/errors';
import { openDatabase } from '../../db/open';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: open-attempt.ts <file>');
try {
  openDatabase(file).close();
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
} catch (error) {
  const outcome =
    error instanceof DatabaseOpenError
      ? { reason: error.reason, message: error.message, path: error.path }
      : { unexpected: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}
