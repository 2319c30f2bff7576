// Child process for the bundle crash test: imports a bundle into a data folder and freezes in the middle of
// applying it (after the first page, inside the open transaction) until the parent kills it with SIGKILL.
import { createBackend } from '../../electron/ipc/backend';
import { importBundle } from '../../electron/services/sync/bundle-import';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) throw new Error('usage: bundle-child.ts <dataDir> <bundle>');
const backend = createBackend({ dataDir });
await importBundle(
  { sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events },
  {
    file,
    onProgress: ({ phase }) => {
      if (phase !== 'apply') return;
      process.stdout.write('applying\n');
      // Block this thread (and so the transaction) until the kill: the kill lands mid-import, never after the commit.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    },
  },
);
process.stdout.write('committed\n');
