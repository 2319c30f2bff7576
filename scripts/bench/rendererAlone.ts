// The renderer's figures alone, without the whole `npm run bench`: the ticket list re-opened and opened fresh (first
// rows painted), the board's fresh open and the rows kept while scrolling, in Chromium (browser mode).
// `npx tsx scripts/bench/rendererAlone.ts --data <folder with emerald.db> [--dist <built renderer>] [--engine-worker]`.
// Writes only to the given folder (sign-in sessions), so pass a copy of the cached dataset. --engine-worker runs the data
// engine in its worker thread as `npm run serve` does (the HTTP thread then only serves files and passes envelopes);
// without it the engine shares the server's thread, as in `npm run bench`.
import path from 'node:path';
import { createBackend } from '../../electron/ipc/backend';
import { startEngineWorker } from '../../electron/ipc/engine/worker-host';
import { parseArgs, stringFlag } from '../args';
import { measureRenderer } from './renderer';

const args = parseArgs(process.argv.slice(2));
const dataDir = stringFlag(args, 'data');
if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
const dist = stringFlag(args, 'dist');
const log = (line: string) => process.stderr.write(`${line}\n`);

const engine = args.flags.has('engine-worker')
  ? await startEngineWorker({ dataDir: path.resolve(dataDir), startupJobs: { backup: false } })
  : createBackend({ dataDir: path.resolve(dataDir) });
try {
  const result = await measureRenderer(engine, log, dist ? { staticDir: dist } : {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await engine.close();
}
