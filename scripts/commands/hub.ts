// `hub`: a member serving team sync on the LAN with no window (the office PC nobody sits at). Ctrl+C or SIGTERM
// stops it cleanly; a data folder in no team, or a port in use, is a clear error and a non-zero exit.
import { networkInterfaces } from 'node:os';
import { AppError } from '../../electron/contract';
import { createBackend } from '../../electron/ipc/backend';
import { startHub } from '../../electron/services/sync/net/hubServer';
import { clearHubListening, recordHubListening } from '../../electron/services/sync/background/hubAddress';
import { parseListenAddress } from '../../electron/services/sync/net/listenAddress';
import { stringFlag, UsageError } from '../args';
import { CommandFailure, existingDatabase } from './backup';
import { headlessHubLog, PG_HUB_USAGE, runPgHub } from './pgHub';
import { requireDataDir, type CliCommand } from './types';

const USAGE = `usage:
  hub --data-dir DIR [--listen HOST:PORT] [--no-mdns]
Serves team sync over HTTPS (TLS with keys exchanged at pairing) on HOST:PORT (default 0.0.0.0:7443).
Make a pairing code for a new laptop with: npm run cli -- team pair-code --data-dir DIR
The central hub on PostgreSQL:
${PG_HUB_USAGE}`;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The addresses a laptop on the LAN can type when the hub listens on every interface. */
function lanUrls(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => `https://${address!.address}:${port}`);
}

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export const hubCommand: CliCommand = {
  name: 'hub',
  usage: 'hub --data-dir DIR [--listen HOST:PORT] | hub --postgres URL [init] ...',
  summary: 'serve team sync on the LAN without a window (Ctrl+C stops it)',
  async run(args) {
    if (args.flags.has('postgres')) return runPgHub(args);
    if (args.positional.length > 1) throw new UsageError(USAGE);
    // Neither kind named: say both, so the central hub's usage is not hidden behind "--data-dir is required".
    if (!stringFlag(args, 'data-dir', 'EMERALD_DATA_DIR')) throw new UsageError(`a laptop's data folder (--data-dir DIR) or the central hub's database (--postgres URL) is needed\n${USAGE}`);
    const dataDir = requireDataDir(args);
    existingDatabase(dataDir);
    let listen: { host: string; port: number };
    try {
      listen = parseListenAddress(stringFlag(args, 'listen') ?? '0.0.0.0:7443');
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${USAGE}`);
    }
    const backend = createBackend({ dataDir });
    const services = { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir };
    let hub;
    try {
      hub = await startHub({ services, listen, mdns: !args.flags.has('no-mdns'), log: headlessHubLog });
    } catch (error) {
      backend.close();
      if (error instanceof AppError) throw new CommandFailure(`${error.message} (${String(error.details?.reason ?? error.code)})`);
      throw error;
    }
    say(`Hub listening on ${hub.url}`);
    if (listen.host === '0.0.0.0') for (const url of lanUrls(hub.port)) say(`  reachable at ${url}`);
    // `team pair-code` in another process prints the address a laptop types from this record.
    recordHubListening(services.sqlite, listen.host === '0.0.0.0' && lanUrls(hub.port).length > 0 ? lanUrls(hub.port) : [hub.url], new Date().toISOString());
    say(`Fingerprint: ${hub.fingerprint}`);
    say('Stop with Ctrl+C.');
    const signal = await untilStopped();
    await hub.close();
    clearHubListening(services.sqlite);
    backend.close();
    say(`Hub stopped (${signal}).`);
  },
};
