// `reindex`: rebuilds the full-text index and its triggers from electron/services/search/schema.ts, with progress on stderr.
import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { databasePath } from '../../electron/ipc/backend';
import { rebuildCustomerFolds } from '../../electron/services/customerFolds';
import { rebuildSearchIndex } from '../../electron/services/search/schema';
import { rebuildTelemetryReadings } from '../../electron/services/telemetry/readingsTable';
import { rebuildStatusCounts } from '../../electron/services/tickets/statusCounts';
import { rebuildBoardBlocks } from '../../electron/services/workOrders/boardBlocks';
import { rebuildWorkOrderQueue } from '../../electron/services/workOrders/queueTable';
import { CommandFailure } from './backup';
import { requireDataDir, type CliCommand } from './types';

export const reindexCommand: CliCommand = {
  name: 'reindex',
  usage: 'reindex --data-dir DIR',
  summary: 'rebuild the search index of the database in DIR (one transaction: a failure keeps the old index)',
  run(args) {
    const file = databasePath(requireDataDir(args));
    if (!existsSync(file)) throw new CommandFailure(`no database at ${file}`);
    // Opening migrates an older file first, so the rebuild always writes this version's index.
    const database = openDatabase(file);
    try {
      const started = Date.now();
      let lastPercent = -1;
      const result = rebuildSearchIndex(database.sqlite, ({ done, total }) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent === lastPercent) return;
        lastPercent = percent;
        process.stderr.write(`reindex: ${done}/${total} tickets (${percent}%)\n`);
      });
      process.stdout.write(`Search index rebuilt: ${result.tickets} tickets, ${result.rows} index rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      // The dispatch board's derived blocks are local too: rebuilt from the tables like the search index.
      process.stdout.write(`Dispatch board blocks rebuilt: ${rebuildBoardBlocks(database.sqlite)}\n`);
      process.stdout.write(`Tickets per status recounted: ${rebuildStatusCounts(database.sqlite)}\n`);
      process.stdout.write(`Telemetry readings rebuilt: ${rebuildTelemetryReadings(database.sqlite)}\n`);
      process.stdout.write(`Dispatch queue reordered: ${rebuildWorkOrderQueue(database.sqlite)} OTs waiting\n`);
      process.stdout.write(`Customers marked for folding again: ${rebuildCustomerFolds(database.sqlite)}\n`);
    } finally {
      database.close();
    }
  },
};
