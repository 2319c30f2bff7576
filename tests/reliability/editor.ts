// Child process for the two-writers test: one edit of a ticket at a known version; prints "ok" or the error code.
import { startChildApp } from './child-app';

const [dataDir, ticketId, version, title] = process.argv.slice(2);
if (!dataDir || !ticketId || !version || !title) throw new Error('usage: editor.ts <dataDir> <ticketId> <version> <title>');
const app = await startChildApp(dataDir);
process.stdout.write('ready\n');
// Both editors wait for "go" so their writes overlap as much as two processes can.
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
// Let go of stdin, or it keeps this process alive after the edit.
process.stdin.destroy();
const result = await app.attempt('tickets.update', { id: ticketId, version: Number(version), title });
process.stdout.write(`${result.ok ? 'ok' : result.code}\n`);
app.backend.close();
