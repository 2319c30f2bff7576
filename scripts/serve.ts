// `npm run serve`: browser mode. Builds the renderer if needed, opens the data folder, serves UI + API on loopback.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseOpenError } from '../db/errors';
import { databasePath } from '../electron/ipc/backend';
import { startEngineWorker } from '../electron/ipc/engine/worker-host';
import { newLaunchToken } from '../electron/ipc/http/guards';
import { startBrowserServer } from '../electron/ipc/http/server';
import { parseListen } from '../electron/services/sync/background/hubSetting';
import { intFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args';
import { commands } from './commands';
import { stopIfDamagedAfterStart } from './serve-startup';

const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_PORT = 5180;

const usage = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--hub HOST:PORT] [--demo [--tickets N]] [--no-build]
  --port N        port on 127.0.0.1 (default ${DEFAULT_PORT}, or PORT; 0 picks a free one)
  --data-dir DIR  data folder (default ./.emerald-data, or EMERALD_DATA_DIR)
  --hub HOST:PORT turn hub mode on here (saved, like the switch in Administración → Equipo), e.g. 0.0.0.0:7443
  --demo          fill a fresh data folder with demo data first (--tickets N: how many, default 1000)
  --no-build      do not build the renderer when dist/index.html is missing
The launch token is random on every start unless EMERALD_TOKEN sets it.
`;

function buildRendererIfMissing(staticDir: string): void {
  if (existsSync(path.join(staticDir, 'index.html'))) return;
  if (!existsSync(path.join(repoRoot, 'vite.config.ts'))) {
    process.stdout.write('No renderer yet (no vite.config.ts): serving a placeholder page and the API.\n');
    return;
  }
  process.stdout.write('dist/index.html is missing: building the renderer (vite build)…\n');
  const result = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.stdout.write('The renderer build failed: serving a placeholder page and the API.\n');
}

/** Runs the CLI's demo command in a child process: no code coupling to the generator, and its own memory. */
function fillDemoData(dataDir: string, tickets: string | undefined): void {
  if (existsSync(databasePath(dataDir))) {
    process.stdout.write(`--demo: ${dataDir} already holds a database; serving it as it is (use a new --data-dir for fresh demo data).\n`);
    return;
  }
  if (!commands.some((command) => command.name === 'demo')) {
    throw new UsageError('--demo is not available in this build yet (the CLI has no "demo" command)');
  }
  const cli = path.join(repoRoot, 'scripts', 'cli.ts');
  const size = tickets === undefined ? [] : ['--tickets', tickets];
  const result = spawnSync(process.execPath, [...process.execArgv, cli, 'demo', '--data-dir', dataDir, ...size], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`generating demo data failed (exit code ${result.status ?? result.signal})`);
}

/** Test and bench knobs: a shorter interval or backoff cap than the defaults (30 s, 5 min). */
function syncTimingsFromEnv(env: NodeJS.ProcessEnv): { intervalMs?: number; backoffCapMs?: number } {
  const ms = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const intervalMs = ms(env.EMERALD_SYNC_INTERVAL_MS);
  const backoffCapMs = ms(env.EMERALD_SYNC_BACKOFF_CAP_MS);
  return { ...(intervalMs ? { intervalMs } : {}), ...(backoffCapMs ? { backoffCapMs } : {}) };
}

export async function serve(args: ParsedArgs): Promise<void> {
  const port = args.flags.has('port') ? intFlag(args, 'port', DEFAULT_PORT) : Number(process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`the port must be 0–65535, got ${String(port)}`);
  const dataDir = path.resolve(stringFlag(args, 'data-dir', 'EMERALD_DATA_DIR') ?? '.emerald-data');
  const staticDir = path.join(repoRoot, 'dist');
  const token = process.env.EMERALD_TOKEN || newLaunchToken();

  const hubListen = args.flags.has('hub') ? parseListen(stringFlag(args, 'hub') ?? '') : null;
  if (args.flags.has('hub') && !hubListen) throw new UsageError('--hub needs HOST:PORT, e.g. 127.0.0.1:7443');

  if (!args.flags.has('no-build')) buildRendererIfMissing(staticDir);
  if (args.flags.has('demo')) fillDemoData(dataDir, stringFlag(args, 'tickets'));

  // The data engine (database, router, sessions, LAN sync, telemetry socket) runs in its worker thread: this thread only
  // serves HTTP. Start at once: the integrity check runs in the job worker after the server answers (a failure is logged).
  const engine = await startEngineWorker({
    dataDir,
    startupJobs: { backup: false },
    // The loopback ingestion socket runs only while its setting is on (off by default).
    telemetrySocket: true,
    // LAN sync: background rounds with this copy's hub once paired, and the hub itself while hub mode is on.
    net: { mdns: process.env.EMERALD_NO_MDNS !== '1', timings: syncTimingsFromEnv(process.env), hub: hubListen },
    log: (message, error) => (error === undefined ? process.stdout.write(`${message}\n`) : process.stderr.write(`${message}: ${String(error)}\n`)),
  });
  let server;
  try {
    server = await startBrowserServer({ backend: engine, port, token, staticDir });
  } catch (error) {
    await engine.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use; try --port 0`);
    throw error;
  }
  const hubState = engine.startupHub;
  process.stdout.write(
    [
      '',
      'Emerald is running in browser mode (loopback only).',
      `  Open:        ${server.url}`,
      `  Data folder: ${dataDir}`,
      ...(hubState ? [hubState.running ? `  Hub:         ${hubState.urls.join(', ')} (fingerprint ${hubState.fingerprint ?? '-'})` : `  Hub:         not running (${hubState.error ?? 'unknown'})`] : []),
      '  Stop:        press Ctrl+C',
      `EMERALD_URL=${server.url}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await engine.close();
    process.stdout.write('Emerald stopped; the database is closed.\n');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  void stopIfDamagedAfterStart(engine.startup, databasePath(dataDir), stop, (text) => process.stderr.write(text));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  if (args.flags.has('help')) {
    process.stdout.write(usage);
  } else {
    serve(args).catch((error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n\n${usage}`);
      else if (error instanceof DatabaseOpenError) process.stderr.write(`error: ${error.message} (${error.reason})\n`);
      else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    });
  }
}
