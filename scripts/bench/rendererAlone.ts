// The renderer's figures alone, without the whole `npm run bench`: the ticket list re-opened and opened fresh (first
// rows painted), the board's fresh open and the rows kept while scrolling, in Chromium (browser mode).
// `npx tsx scripts/bench/rendererAlone.ts --data <folder with emerald.db> [--dist <built renderer>]`. Writes only to the
// given folder (sign-in sessions), so pass a copy of the cached dataset.
import path from 'node:path';
import { createBackend } from '../../electron/ipc/backend';
import { parseArgs, stringFlag } from '../args';
import { measureRenderer } from './renderer';

const args = parseArgs(process.argv.slice(2));
const dataDir = stringFlag(args, 'data');
if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
const dist = stringFlag(args, 'dist');
const log = (line: string) => process.stderr.write(`${line}\n`);

const backend = createBackend({ dataDir: path.resolve(dataDir) });
try {
  const result = await measureRenderer(backend, log, dist ? { staticDir: dist } : {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  backend.close();
}
