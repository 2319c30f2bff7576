// Child process for the crash test: writes tickets and notes through the router until it is killed.
// Prints "ticket <id>" and "note <ticketId> <content>" only after each change has committed.
import { startChildApp } from './child-app';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: writer.ts <dataDir>');
const app = await startChildApp(dataDir);
const say = (line: string) => process.stdout.write(`${line}\n`);
say('ready');
for (let n = 1; ; n++) {
  const ticket = await app.call('tickets.create', { title: `Crash test ${process.pid}-${n}`, description: 'written until SIGKILL' });
  say(`ticket ${ticket.id}`);
  const content = `note ${process.pid}-${n}`;
  await app.call('tickets.addNote', { id: ticket.id, content });
  say(`note ${ticket.id} ${content}`);
}
