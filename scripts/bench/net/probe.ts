// The hub's own window, in a process of its own: calls browser mode's HTTP API one after another (list, detail,
// dispatch queue, search, and a note added to a ticket, as a dispatcher writes while the laptops sync; and the least
// call there is, the signed-in user, as the floor under the others), stamping each
// call with its time here and the hub engine's own (Server-Timing), until "stop" arrives on stdin; then prints every
// sample. After a "quiet" line on stdin it adds no notes until a "write" line (the bench times some phases with the
// window only reading: a note every 50 ms is news for every member).
// argv: <apiBase> <outFile> (token in EMERALD_TOKEN; login admin / EMERALD_BENCH_PASSWORD).
import { writeFileSync } from 'node:fs';
import { HubApi, report, wallMs } from './hubApi';

interface Sample {
  call: 'list' | 'detail' | 'agenda' | 'search' | 'note' | 'floor';
  at: number;
  ms: number;
  /** From the hub's HTTP thread handing the call to its engine to the answer (Server-Timing). */
  engineMs: number | null;
}

const [base, outFile = 'probe.json'] = process.argv.slice(2);
const api = new HubApi(base ?? '', process.env.EMERALD_TOKEN ?? '');
await api.call('auth.login', { login: 'admin', password: process.env.EMERALD_BENCH_PASSWORD ?? '' });
const listed = await api.call('tickets.list', {});
const ids = listed.items.map((ticket) => ticket.id);

let stopped = false;
let writing = true;
process.stdin.on('data', (chunk: Buffer) => {
  const text = chunk.toString('utf8');
  if (text.includes('stop')) stopped = true;
  if (text.includes('quiet')) writing = false;
  if (text.includes('write')) writing = true;
});
// The bench's process went away: so does this one.
process.stdin.on('end', () => process.exit(1));
const samples: Sample[] = [];
const calls: [Sample['call'], (i: number) => Promise<{ engineMs: number | null }>][] = [
  ['list', () => api.timedCall('tickets.list', {})],
  ['detail', (i) => api.timedCall('tickets.get', { id: ids[i % ids.length] ?? '' })],
  ['agenda', () => api.timedCall('workOrders.dispatchQueue', {})],
  ['search', () => api.timedCall('tickets.list', { q: 'impresora' })],
  ['note', (i) => api.timedCall('tickets.addNote', { id: ids[i % ids.length] ?? '', content: `Llamó el cliente: confirma la visita (${i}).` })],
  ['floor', () => api.timedCall('auth.me', {})],
];
report('PROBE_READY', { firstPage: ids.length });
for (let i = 0; !stopped; i++) {
  const [name, run] = calls[i % calls.length]!;
  if (name === 'note' && !writing) continue;
  const started = wallMs();
  const { engineMs } = await run(i);
  samples.push({ call: name, at: started, ms: wallMs() - started, engineMs });
  // A person's window, not a load generator: a short pause between calls.
  await new Promise((resolve) => setTimeout(resolve, 10));
}
writeFileSync(outFile, JSON.stringify(samples));
report('PROBE_SAMPLES', { file: outFile });
process.exit(0);
