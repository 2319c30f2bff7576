// The central hub on PostgreSQL from the command line: `hub --postgres URL [--listen HOST:PORT]` serves it (Ctrl+C
// or SIGTERM stops it cleanly), `hub --postgres URL init --team-name NAME` founds a team whose first member is the
// hub, `team pair-code --postgres URL [--as USERNAME]` makes a one-time code for a laptop.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type pg from 'pg';
import { AppError } from '../../electron/contract';
import { setupInput } from '../../electron/contract/auth';
import { PASSWORD_MIN_LENGTH } from '../../electron/contract/common';
import { teamCreateInput } from '../../electron/contract/team';
import { HUB_LISTENING_LOG, startHub } from '../../electron/services/sync/net/hubServer';
import { parseListenAddress } from '../../electron/services/sync/net/listenAddress';
import { MAX_CODE_MINUTES, MIN_CODE_MINUTES } from '../../electron/services/sync/net/pairingCodes';
import { openPgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { logAvailability } from '../../electron/services/sync/pg/pgAvailability';
import { adoptPgHub } from '../../electron/services/sync/pg/pgHubAdopt';
import { initPgHub, openHubDatabase, redacted, type OpenHubDatabaseOptions } from '../../electron/services/sync/pg/pgHubSetup';
import { runningHubProcesses } from '../../electron/services/sync/pg/pgHubNotices';
import { pgActingAdmin, pgMakePairingCode } from '../../electron/services/sync/pg/pgPairingCodes';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { CommandFailure } from './backup';
import { localTime } from './localTime';

export const PG_HUB_USAGE = `usage:
  hub --postgres URL [--listen HOST:PORT] [--team-id ID] [--no-mdns]
  hub --postgres URL init --team-name NAME [--device-name NAME] --admin-email EMAIL [--admin-username NAME] [--admin-name "FULL NAME"]
      (the admin's password from EMERALD_ADMIN_PASSWORD or --admin-password-file FILE, never on the command line)
  hub --postgres URL adopt --invite HUB.eminvite --bundle FULL.emsync [--device-name NAME]
      (an existing team: on its founder, "team invite --out HUB.eminvite" and "sync export --full --out FULL.emsync")
  team pair-code --postgres URL [--as USERNAME] [--valid-minutes 1-60] [--json]
The central hub keeps the team's shared copy in PostgreSQL 15+ (its own tables; give it a database of its own).`;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** An AppError as the command line says it: its message and reason. */
function failure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new CommandFailure(`${error.message} (${String(error.details?.reason ?? error.code.toLowerCase())})`);
}

function requireUrl(args: ParsedArgs): string {
  const url = stringFlag(args, 'postgres', 'EMERALD_POSTGRES_URL');
  if (!url) throw new UsageError(`--postgres URL is required\n${PG_HUB_USAGE}`);
  return url;
}

async function withDatabase<T>(args: ParsedArgs, work: (pool: pg.Pool) => Promise<T>, options: OpenHubDatabaseOptions = {}): Promise<T> {
  const pool = await openHubDatabase(requireUrl(args), options).catch((error: unknown) => {
    throw failure(error);
  });
  try {
    return await work(pool).catch((error: unknown) => {
      throw failure(error);
    });
  } finally {
    await pool.end();
  }
}

function adminPassword(args: ParsedArgs): string {
  const file = stringFlag(args, 'admin-password-file');
  const given = file ? readFileSync(file, 'utf8').replace(/\r?\n$/, '') : process.env.EMERALD_ADMIN_PASSWORD;
  if (!given) throw new UsageError(`the first admin's password: set EMERALD_ADMIN_PASSWORD or pass --admin-password-file FILE\n${PG_HUB_USAGE}`);
  if (given.length < PASSWORD_MIN_LENGTH) {
    throw new UsageError(`the first admin's password needs at least ${PASSWORD_MIN_LENGTH} characters (${file ? `in ${file}` : 'EMERALD_ADMIN_PASSWORD'} has ${given.length})`);
  }
  return given;
}

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, what: string): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(`${what} ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}\n${PG_HUB_USAGE}`);
}

async function init(args: ParsedArgs): Promise<void> {
  const teamName = stringFlag(args, 'team-name');
  const email = stringFlag(args, 'admin-email');
  if (!teamName || !email) throw new UsageError(`--team-name and --admin-email are required\n${PG_HUB_USAGE}`);
  const team = parsed(teamCreateInput.safeParse({ name: teamName, deviceName: stringFlag(args, 'device-name') ?? 'Hub central' }), 'team');
  const admin = parsed(
    setupInput.safeParse({ email, username: stringFlag(args, 'admin-username') ?? 'admin', fullName: stringFlag(args, 'admin-name') ?? 'Administrador', password: adminPassword(args) }),
    'admin',
  );
  const result = await withDatabase(args, (pool) => initPgHub(pool, { teamName: team.name, deviceName: team.deviceName ?? 'Hub central', admin }));
  say(`Created the team "${result.teamName}" (${result.teamId}) on ${redacted(requireUrl(args))}; the hub is its first member (device ${result.deviceId}).`);
  say(`First administrator: ${result.adminUsername} (full access; signs in on any laptop once it has paired).`);
  say(`Hub fingerprint: ${result.fingerprint}`);
  say('Next: npm run cli -- hub --postgres URL --listen HOST:PORT, then npm run cli -- team pair-code --postgres URL for each laptop.');
}

async function adopt(args: ParsedArgs): Promise<void> {
  const inviteFile = stringFlag(args, 'invite');
  const bundleFile = stringFlag(args, 'bundle');
  if (!inviteFile || !bundleFile) throw new UsageError(`--invite and --bundle are required\n${PG_HUB_USAGE}`);
  const deviceName = stringFlag(args, 'device-name') ?? 'Hub central';
  const result = await withDatabase(args, (pool) => adoptPgHub(pool, { inviteFile, bundleFile, deviceName }));
  say(`Adopted the team "${result.teamName}" (${result.teamId}) into ${redacted(requireUrl(args))}; the hub joined it as device ${result.deviceId}.`);
  say(`Hub fingerprint: ${result.fingerprint}`);
  say('Next: start it (hub --postgres URL --listen HOST:PORT) and pair each laptop with a code (team pair-code --postgres URL); they link, already in the team.');
  say('New members are still invited on the founder; they then pair with this hub. Delete the invitation file: it holds the team key.');
}

/** The addresses a laptop on the LAN can type when the hub listens on every interface. */
function reachableUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0') return [`https://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => `https://${address!.address}:${port}`);
  return lan.length > 0 ? lan : [`https://127.0.0.1:${port}`];
}

/** A headless hub's log, on stderr: all but where it listens, which the command prints on stdout with the fingerprint. */
export function headlessHubLog(line: string): void {
  if (!line.startsWith(HUB_LISTENING_LOG)) process.stderr.write(`${line}\n`);
}

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function serve(args: ParsedArgs): Promise<void> {
  let listen: { host: string; port: number };
  try {
    listen = parseListenAddress(stringFlag(args, 'listen') ?? '0.0.0.0:7443');
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${PG_HUB_USAGE}`);
  }
  await withDatabase(
    args,
    async (pool) => {
      logAvailability(pool, headlessHubLog);
      const store = await openPgHubStore({ pool });
      try {
        const hub = await startHub({ store, listen, mdns: !args.flags.has('no-mdns'), log: headlessHubLog });
        const self = await store.identity();
        const urls = reachableUrls(listen.host, hub.port);
        // `team pair-code --postgres` (another shell, maybe another machine) prints where laptops reach the hub.
        await pool.query('UPDATE hub_identity SET listen_urls = $1 WHERE id = 1', [JSON.stringify(urls)]);
        say(`Hub listening on ${hub.url}`);
        if (listen.host === '0.0.0.0') for (const url of urls) say(`  reachable at ${url}`);
        const { rows: [team] } = await pool.query<{ team_name: string }>('SELECT team_name FROM hub_identity WHERE id = 1');
        say(`Team: ${team?.team_name ?? '?'} (${self.teamId}), served by "${self.name}", state in ${redacted(requireUrl(args))}`);
        say(`Fingerprint: ${hub.fingerprint}`);
        say('Stop with Ctrl+C.');
        const signal = await untilStopped();
        await hub.close();
        say(`Hub stopped (${signal}).`);
      } finally {
        await store.close();
      }
    },
    { teamId: stringFlag(args, 'team-id'), requireTeam: true },
  );
}

export async function runPgHub(args: ParsedArgs): Promise<void> {
  const sub = args.positional[1];
  if (sub === 'init') return init(args);
  if (sub === 'adopt') return adopt(args);
  if (sub !== undefined || args.positional.length > 2) throw new UsageError(`unknown hub command "${sub}"\n${PG_HUB_USAGE}`);
  return serve(args);
}

export async function pgPairCode(args: ParsedArgs): Promise<void> {
  const minutes = stringFlag(args, 'valid-minutes');
  if (minutes !== undefined && (!/^\d+$/.test(minutes) || Number(minutes) < MIN_CODE_MINUTES || Number(minutes) > MAX_CODE_MINUTES)) {
    throw new UsageError(`--valid-minutes must be a whole number of minutes from ${MIN_CODE_MINUTES} to ${MAX_CODE_MINUTES}, got ${minutes}\n${PG_HUB_USAGE}`);
  }
  await withDatabase(
    args,
    async (pool) => {
    const admin = await pgActingAdmin(pool, stringFlag(args, 'as'));
    const made = await pgMakePairingCode(pool, admin.id, new Date(), minutes === undefined ? {} : { validMinutes: Number(minutes) });
    const { rows } = await pool.query<{ listen_urls: string[] }>('SELECT listen_urls FROM hub_identity WHERE id = 1');
    const urls = rows[0]?.listen_urls ?? [];
    // A code made on a database no hub serves (the old one after a restore, say) would never work, and the address
    // its last hub wrote may be another database's hub now: none is offered then.
    const hubRunning = (await runningHubProcesses(pool)) > 0;
    const offered = hubRunning ? urls : [];
    if (args.flags.has('json')) return say(JSON.stringify({ ...made, hubUrls: urls, hubRunning }, null, 2));
    if (!hubRunning) say(`Note: no hub is running on ${redacted(requireUrl(args))} now; the code works only while one does (npm run cli -- hub --postgres URL --listen HOST:PORT). After a restore, make codes on the restored database.`);
    say(`Pairing code: ${made.code}`);
    say(`Valid until ${localTime(made.expiresAt)}, once.`);
    say(`Hub fingerprint: ${made.fingerprint}`);
    const hub = offered.length === 1 ? offered[0] : 'URL';
    say(`On the laptop: npm run cli -- team join --data-dir DIR --hub ${hub} --code ${made.code} --device-name "NAME" (or Administración → Equipo), and compare the fingerprint.`);
    if (offered.length > 1) say(`The hub listens at: ${offered.join(', ')} (use the one on the laptop's network).`);
    if (offered.length === 0) say('URL: the address the hub prints when it starts (npm run cli -- hub --postgres URL --listen HOST:PORT).');
    },
    { requireTeam: true },
  );
}
