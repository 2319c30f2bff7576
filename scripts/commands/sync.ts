// `sync`: team bundles by hand — export what another member lacks, import what one sent, print the digest.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../electron/contract';
import { createBackend } from '../../electron/ipc/backend';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { recipientsStartingWith } from '../../electron/services/sync/bundle-peers';
import { importBundle, type ImportSummary } from '../../electron/services/sync/bundle-import';
import { syncDigest } from '../../electron/services/sync/digest';
import { syncRound, type RoundResult } from '../../electron/services/sync/net/hubClient';
import { hubLink, listLinks, type SyncLink } from '../../electron/services/sync/net/links';
import { parseHubUrl } from '../../electron/services/sync/net/netRequest';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { actsAsHub } from '../../electron/services/sync/background/hubAddress';
import { CommandFailure, existingDatabase } from './backup';
import { requireDataDir, type CliCommand } from './types';

const USAGE = `usage:
  sync export --data-dir DIR --out FILE.emsync [--to DEVICE] [--full] [--snapshot] [--json]
  sync import --data-dir DIR --file FILE.emsync [--json]
  sync digest --data-dir DIR [--json]
  sync now    --data-dir DIR [--hub https://HOST:PORT] [--json]
--to DEVICE sends only what that device lacks (as far as this copy knows); --full sends every op;
--snapshot sends the current rows, for a copy that just joined.
sync now: one round with the paired hub (or the paired peer at --hub); exit 0 once in step with it.`;

const say = (line: string) => process.stdout.write(`${line}\n`);

function requireFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new UsageError(`--${name} is required\n${USAGE}`);
  return value;
}

/** A live counter on a terminal only; logs and pipes get just the result. */
function progressLine(label: string): ((done: number, total: number) => void) & { end(): void } {
  const tty = process.stderr.isTTY === true;
  const show = (done: number, total: number) => tty && process.stderr.write(`\r${label} ${done}/${total}`);
  return Object.assign(show, { end: () => tty && process.stderr.write('\n') });
}

/** Ctrl+C cancels cleanly: an export leaves no file, an import rolls back whole. */
async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', stop);
  }
}

function describeImport(summary: ImportSummary): string[] {
  const reasons = new Map<string, number>();
  for (const held of summary.setAside) reasons.set(held.reason, (reasons.get(held.reason) ?? 0) + 1);
  const aside = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
  return [
    `Imported a ${summary.kind === 'snapshot' ? 'snapshot' : 'bundle'} from device ${summary.fromDevice}`,
    `  applied ${summary.applied}, already here ${summary.duplicates}, waiting for earlier ops ${summary.gaps}`,
    `  set aside ${summary.setAside.length}${aside ? ` (${aside})` : ''}`,
    `  open conflicts ${summary.conflictsOpen}`,
  ];
}

/** The link `sync now` uses: the one at --hub, else this member's hub. */
function linkFor(ctx: { sqlite: Parameters<typeof hubLink>[0] }, hub: string | undefined): SyncLink {
  if (hub === undefined) {
    const link = hubLink(ctx.sqlite);
    if (!link && actsAsHub(ctx.sqlite)) {
      throw new CommandFailure('this copy is the hub: the laptops sync with it. Run "sync now" on a laptop, or "team status" here to see when each member was last heard from');
    }
    if (!link) throw new CommandFailure('this copy is not paired with a hub: join with "team join --hub URL --code CODE" first');
    return link;
  }
  const origin = `https://${parseHubUrl(hub).host}`;
  const link = listLinks(ctx.sqlite).find((candidate) => candidate.url === origin);
  if (!link) throw new CommandFailure(`this copy is not paired with ${origin}; pair with a code made there first`);
  return link;
}

/**
 * --to's device: its id as `team status` lists it (16 hex characters), or the start of one as the Equipo screen shows
 * it (8 or more), when exactly one member's id starts so.
 */
function memberDevice(sqlite: Parameters<typeof recipientsStartingWith>[0], given: string): string {
  const typed = given.trim().toLowerCase();
  if (!/^[0-9a-f]{8,16}$/.test(typed)) throw new UsageError(`--to must be a device id (16 hex characters, or its first 8 as the Equipo screen shows it), got ${given}`);
  if (typed.length === 16) return typed;
  // The other members still in the team: this copy and a revoked device are never whom a bundle is for.
  const matches = recipientsStartingWith(sqlite, typed);
  if (matches.length === 1 && matches[0]) return matches[0];
  throw new CommandFailure(
    matches.length === 0 ? `no other member's device id starts with ${typed}; "team status" lists them` : `${typed} starts the device ids of ${matches.join(', ')}: give more of it`,
  );
}

// A round that ends out of step (a change made meanwhile) or with photos left to move is followed by another, a few at most.
const MAX_ROUNDS = 3;

/** Attachment files moved in the rounds, said only when some did. */
const filesLine = (total: RoundResult): string =>
  total.filesSent + total.filesReceived > 0 ? `; files sent ${total.filesSent}, received ${total.filesReceived}` : '';

async function syncNow(ctx: Parameters<typeof syncRound>[0], args: ParsedArgs, json: boolean): Promise<void> {
  const link = linkFor(ctx, stringFlag(args, 'hub'));
  const total: RoundResult = { sent: 0, received: 0, inStep: false, filesSent: 0, filesReceived: 0, filesLeft: false };
  for (let round = 0; round < MAX_ROUNDS && (!total.inStep || total.filesLeft); round++) {
    const result = await syncRound(ctx, link);
    total.sent += result.sent;
    total.received += result.received;
    total.filesSent += result.filesSent;
    total.filesReceived += result.filesReceived;
    total.filesLeft = result.filesLeft;
    total.inStep = result.inStep;
  }
  if (json) say(JSON.stringify({ hub: link.peerName, url: link.url, ...total }));
  else say(`${total.inStep ? 'In step with' : 'Not yet in step with'} ${link.peerName || link.peerDeviceId} at ${link.url}: sent ${total.sent}, received ${total.received}${filesLine(total)}`);
  if (!total.inStep) throw new CommandFailure('the hub and this copy still differ after the round (ops it cannot send yet); try again later');
}

async function run(args: ParsedArgs, sub: string, dataDir: string): Promise<void> {
  const json = args.flags.has('json');
  const backend = createBackend({ dataDir });
  const ctx = { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir };
  try {
    switch (sub) {
      case 'now':
        return await syncNow(ctx, args, json);
      case 'digest': {
        const digest = syncDigest(ctx.sqlite);
        say(json ? JSON.stringify({ digest }) : digest);
        return;
      }
      case 'export': {
        const out = path.resolve(requireFlag(args, 'out'));
        const given = stringFlag(args, 'to');
        const to = given === undefined ? undefined : memberDevice(ctx.sqlite, given);
        mkdirSync(path.dirname(out), { recursive: true });
        const progress = progressLine('Exporting');
        const summary = await cancellable((signal) =>
          exportBundle(ctx, {
            out,
            ...(to ? { to } : {}),
            full: args.flags.has('full'),
            snapshot: args.flags.has('snapshot'),
            signal,
            onProgress: ({ done, total }) => progress(done, total),
          }),
        );
        progress.end();
        if (json) say(JSON.stringify(summary));
        else say(`Wrote ${summary.kind === 'snapshot' ? `a snapshot of ${summary.rows} rows` : `${summary.ops} ops`} in ${summary.frames} frames to ${summary.file} (${summary.bytes} bytes)`);
        for (const { deviceId, throughSeq } of summary.lacking) {
          process.stderr.write(`note: this copy started from a snapshot and never held ops 1-${throughSeq} of device ${deviceId}; a member that lacks them needs a snapshot (sync export --snapshot) or a bundle from a member that has them\n`);
        }
        return;
      }
      case 'import': {
        const file = path.resolve(requireFlag(args, 'file'));
        const progress = progressLine('Importing');
        const summary = await cancellable((signal) =>
          importBundle(ctx, { file, signal, onProgress: ({ phase, done, total }) => progress((phase === 'apply' ? total : 0) + done, 2 * total) }),
        );
        progress.end();
        if (json) say(JSON.stringify(summary));
        else describeImport(summary).forEach(say);
        return;
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : error.code.toLowerCase();
    if (json) say(JSON.stringify({ ok: false, error: { code: error.code, reason, message: error.message } }));
    throw new CommandFailure(`${error.message} (${reason})`);
  } finally {
    backend.close();
  }
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync export|import|digest|now ...',
  summary: 'exchange team bundles by hand, or print the digest of the replicated state (run "sync" for details)',
  async run(args) {
    const sub = args.positional[1];
    if (sub !== 'export' && sub !== 'import' && sub !== 'digest' && sub !== 'now') throw new UsageError(`${sub ? `unknown sync command "${sub}"` : 'which sync command?'}\n${USAGE}`);
    const dataDir = requireDataDir(args);
    existingDatabase(dataDir);
    await run(args, sub, dataDir);
  },
};
