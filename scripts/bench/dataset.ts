// The benchmark dataset: built once with the demo generator into a cached file, reused afterwards.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { generateDemoData } from '../demo/generate';

export interface DatasetOptions {
  tickets: number;
  technicians: number;
  cacheDir: string;
}

/** Where the cached dataset of this shape lives. */
export const datasetFolder = (options: DatasetOptions): string => path.join(options.cacheDir, `dataset-${options.tickets}-${options.technicians}`);

/** Builds the cached dataset when missing and returns its folder (read it or copy it; never write it). */
export async function ensureDataset(options: DatasetOptions, log: (line: string) => void): Promise<string> {
  const cached = datasetFolder(options);
  const cachedFile = databasePath(cached);
  if (!existsSync(cachedFile)) {
    log(`building the dataset (${options.tickets} tickets) into ${cached} — once; later runs reuse it`);
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    const backend = createBackend({ dataDir: cached });
    try {
      let last = -1;
      // About 10 timeline events, 2 OTs and 4 parts per ticket: the shape of years of real use.
      const shape = { tickets: options.tickets, technicians: options.technicians, seed: 7, workOrdersPerTicket: 2 };
      const summary = await generateDemoData(
        backend.database.sqlite,
        shape,
        ({ done, total }) => {
          const percent = Math.floor((done / total) * 100);
          if (percent >= last + 10) {
            last = percent;
            log(`  dataset ${percent}%`);
          }
        },
      );
      log(
        `  ${summary.tickets} tickets, ${summary.timelineEvents} events, ${summary.workOrders} OTs, ${summary.items} items, ${summary.customers} customers in ${(summary.elapsedMs / 1000).toFixed(0)} s`,
      );
      backend.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      backend.database.sqlite.exec('ANALYZE');
    } finally {
      backend.close();
    }
  }
  // Upgrade the cache itself to this build's schema once, so each run copies a current file.
  createBackend({ dataDir: cached }).close();
  for (const file of readdirSync(cached)) if (file.endsWith('.bak')) rmSync(path.join(cached, file));
  return cached;
}

/** Returns a fresh working copy of the cached dataset (writes in the bench never touch the cache). */
export async function prepareDataset(options: DatasetOptions, log: (line: string) => void): Promise<string> {
  const cachedFile = databasePath(await ensureDataset(options, log));
  const work = path.join(options.cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  copyFileSync(cachedFile, databasePath(work));
  return work;
}
