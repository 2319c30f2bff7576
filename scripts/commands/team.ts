// `team`: create a team, invite a member with a file, join with one, show the team, cancel an invitation, revoke a device.
// The command line acts as the data folder's first active superuser (or --as USERNAME), so every op it makes
// has a real author; `team join` into a folder nobody has set up works without one.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { TeamStatusDto } from '../../electron/contract';
import type { SyncNetStatusDto } from '../../electron/contract/teamNet';
import { TEAM_ADMIN_ACCESS, teamCancelInvitationInput, teamCreateInput, teamInviteInput, teamJoinInput, teamRevokeInput } from '../../electron/contract/team';
import { sentNotConfirmed } from '../../electron/contract/teamCounts';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { systemClock, type Actor, type ServiceContext } from '../../electron/services/context';
import { cancelInvitation, createInvitation, createTeam, revokeDevice } from '../../electron/services/sync/team';
import { joinTeam } from '../../electron/services/sync/teamJoin';
import { pairWithHub } from '../../electron/services/sync/net/hubClient';
import { MAX_CODE_MINUTES, MIN_CODE_MINUTES, makePairingCode } from '../../electron/services/sync/net/pairingCodes';
import { knownHubUrls } from '../../electron/services/sync/background/hubAddress';
import { syncNetStatus } from '../../electron/services/sync/background/channels';
import { runningHubUrls } from '../../electron/services/sync/background/hubAddress';
import { formatListen, readHubSetting, type HubSetting } from '../../electron/services/sync/background/hubSetting';
import { teamStatus } from '../../electron/services/sync/teamStatus';
import { loadActor } from '../../electron/services/users/actor';
import { AppError, allows } from '../../electron/contract';
import { localTime, localTimeOr } from './localTime';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { CommandFailure, existingDatabase } from './backup';
import { pgPairCode } from './pgHub';
import { requireDataDir, type CliCommand } from './types';

const USAGE = `usage:
  team create --data-dir DIR --name NAME [--device-name NAME] [--as USERNAME] [--json]
  team invite --data-dir DIR --out FILE.eminvite [--member-name NAME] [--valid-hours H] [--as USERNAME] [--json]
  team join   --data-dir DIR --invite FILE.eminvite [--device-name NAME] [--as USERNAME] [--json]
  team join   --data-dir DIR --hub https://HOST:PORT --code ABCD-1234 [--device-name NAME] [--as USERNAME] [--json]
  team pair-code --data-dir DIR [--valid-minutes 1-60] [--as USERNAME] [--json]
  team pair-code --postgres URL [--valid-minutes 1-60] [--as USERNAME] [--json]   (the central hub on PostgreSQL)
  team status --data-dir DIR [--json]
  team cancel-invitation --data-dir DIR --id ID [--as USERNAME] [--json]
  team revoke --data-dir DIR --device ID [--as USERNAME] [--json]
An invitation holds the team key: hand it over like a password and delete it once used.
Lost the file, or the laptop, before it joined? "team status" lists the unused invitations; cancel-invitation (the id,
or the start of it) calls one off: every member and hub that hears of it refuses a computer that joined with it.
A pairing code (made on the hub, valid minutes, once) joins a laptop over the LAN; compare the fingerprints.`;

type Say = (line: string) => void;

/** "1 ticket", "3 tickets". */
const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function requireFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new UsageError(`--${name} is required\n${USAGE}`);
  return value;
}

/** Checks flags with the channel's own schema, so the command line and the app accept the same input. */
function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}\n${USAGE}`);
}

/** The user the command acts as: --as USERNAME, else the first active superuser; null when nobody is set up. */
function actingUser(ctx: ServiceContext, args: ParsedArgs): Actor | null {
  const username = stringFlag(args, 'as');
  const row = username
    ? (ctx.sqlite.prepare('SELECT id FROM users WHERE lower(username) = lower(?)').get(username) as { id: string } | undefined)
    : (ctx.sqlite.prepare('SELECT id FROM users WHERE is_superuser = 1 AND is_active = 1 ORDER BY created_at, id LIMIT 1').get() as { id: string } | undefined);
  if (username && !row) throw new CommandFailure(`there is no user "${username}" in this data folder`);
  if (!row && ctx.sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined) {
    throw new CommandFailure('this data folder has no active superuser: pass --as USERNAME of an administrator');
  }
  const actor = row ? loadActor(ctx.sqlite, row.id) : null;
  if (row && !actor) throw new CommandFailure(`the user "${username}" is deactivated`);
  // The team channels' rule (and every copy's for team ops): full access, not users:admin alone.
  if (actor && !allows(actor, TEAM_ADMIN_ACCESS)) throw new CommandFailure(`"${actor.username}" is not an administrator (full access)`);
  return actor;
}

function requireAdmin(actor: Actor | null): Actor {
  if (actor) return actor;
  throw new CommandFailure('this data folder has no administrator yet: open Emerald once and finish the first-run setup (or join a team with "team join")');
}

const DATABASE_FILE = path.basename(databasePath('.'));

/** The names in the folder now; null when the folder does not exist yet. */
function folderEntries(dir: string): Set<string> | null {
  return existsSync(dir) ? new Set(readdirSync(dir)) : null;
}

/** Removes what the command created: the whole folder when it made it, else only the new entries. */
function removeCreated(dir: string, before: Set<string> | null): void {
  if (before === null) return rmSync(dir, { recursive: true, force: true });
  for (const name of readdirSync(dir)) if (!before.has(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

const slotLabel = (slot: number | null) => (slot === null ? '--' : String(slot).padStart(2, '0'));

interface NetFacts {
  sync: SyncNetStatusDto;
  hubSetting: HubSetting;
  /** A headless `hub` running on this folder now: the URLs it printed. */
  headlessHubUrls: string[];
}

function netFacts(ctx: ServiceContext): NetFacts {
  return { sync: syncNetStatus(ctx), hubSetting: readHubSetting(ctx.sqlite), headlessHubUrls: runningHubUrls(ctx.sqlite) };
}

/** The office network: the hub this copy syncs with and how the last round went, or this copy as the hub. */
function printNet({ sync: net, hubSetting: hub, headlessHubUrls }: NetFacts, say: Say): void {
  if (hub.enabled) say(`Serving as the team's hub on ${formatListen(hub)} (whenever the app, serve or "hub" runs with this folder)`);
  else if (headlessHubUrls.length > 0) say(`Serving as the team's hub at ${headlessHubUrls.join(', ')} (the "hub" command, running now)`);
  if (!net.hub) return;
  const state = net.unreachableSince ? `unreachable since ${localTime(net.unreachableSince)}` : net.reason ? `refused: ${net.reason}` : 'in step at the last round';
  say(`Hub: ${net.hub.name} at ${net.hub.url} · last round ${localTimeOr(net.lastSyncAt, 'never')} · ${state}`);
}

/** The same as printNet, for `team status --json`: the hub this copy syncs with and the one it serves as. */
function netJson(net: NetFacts | null) {
  const sync = net?.sync;
  const headless = net?.headlessHubUrls[0];
  return {
    hub: sync?.hub ? { ...sync.hub, state: sync.state, lastSyncAt: sync.lastSyncAt, unreachableSince: sync.unreachableSince, reason: sync.reason ?? null } : null,
    servingHubOn: net?.hubSetting.enabled ? formatListen(net.hubSetting) : headless ? new URL(headless).host : null,
  };
}


function printStatus(status: TeamStatusDto, say: Say): void {
  if (!status.team) {
    say(`This copy is in no team (device ${status.device.id}). Create one with "team create" or join one with "team join".`);
    return;
  }
  say(`Team: ${status.team.name} (${status.team.id})`);
  say(`This device: ${status.device.name} (${status.device.id}), slot ${slotLabel(status.device.slot)}`);
  if (status.device.revokedAt) say(`This device was revoked from the team on ${localTime(status.device.revokedAt)}: the other members refuse what it sends.`);
  say('Members:');
  for (const m of status.members) {
    // This device's own line: its last exchange (its stored contact time is what others last heard of it).
    const contact = m.isSelf ? `last exchange ${localTimeOr(status.lastExchangeAt, 'never')}` : `last contact ${localTimeOr(m.lastContactAt, 'never')}`;
    const state = m.revokedAt ? `revoked ${localTime(m.revokedAt)}` : contact;
    say(`  ${slotLabel(m.slot)}  ${m.name}  ${m.deviceId}  joined ${localTime(m.joinedAt)}  ${state}${m.isSelf ? '  (this device)' : ''}`);
  }
  // Made and not used by any member known here, nor cancelled: what "team cancel-invitation" takes.
  if (status.invitations.length > 0) say('Unused invitations:');
  for (const i of status.invitations) {
    const until = i.expired ? `expired ${localTime(i.expiresAt)}` : `until ${localTime(i.expiresAt)}`;
    say(`  ${slotLabel(i.slot)}  ${i.memberName ?? '(no name)'}  ${i.id}  made by ${i.madeBy ?? 'unknown'} ${localTime(i.createdAt)}  ${until}`);
  }
  // Paired with a hub, "not yet sent" is what the hub has not acknowledged; otherwise what no bundle carried yet.
  // Sent, not confirmed: in a bundle no other member has said it holds yet (the file may still be on its way, or lost).
  say(`Ops set aside: ${status.setAside} · open conflicts: ${status.openConflicts} · not yet sent: ${status.unsentOps} · sent, not confirmed: ${sentNotConfirmed(status)}`);
  const never = 'never';
  say(`Last exchange: ${localTimeOr(status.lastExchangeAt, never)} · last sent: ${localTimeOr(status.lastSentAt, never)} · last received: ${localTimeOr(status.lastReceivedAt, never)}`);
}

/** The JSON of `team status --json`: flat names scripts rely on (teamId, deviceId, slot, ...). */
export function statusJson(status: TeamStatusDto) {
  return {
    teamId: status.team?.id ?? null,
    teamName: status.team?.name ?? null,
    deviceId: status.device.id,
    deviceName: status.device.name,
    slot: status.device.slot,
    revokedAt: status.device.revokedAt,
    members: status.members,
    invitations: status.invitations,
    vector: status.vector,
    openConflicts: status.openConflicts,
    setAside: status.setAside,
    unsentOps: status.unsentOps,
    unconfirmedOps: status.unconfirmedOps,
    lastExportAt: status.lastExportAt,
    lastImportAt: status.lastImportAt,
    lastExchangeAt: status.lastExchangeAt,
    lastSentAt: status.lastSentAt,
    lastReceivedAt: status.lastReceivedAt,
  };
}

function freshTarget(file: string): string {
  const target = path.resolve(file);
  if (existsSync(target)) throw new CommandFailure(`${target} already exists; choose another --out file`);
  return target;
}

function writeInvitation(target: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  // Readable by this user only: the file carries the team key. `wx`: never over a file that appeared meanwhile.
  writeFileSync(target, bytes, { mode: 0o600, flag: 'wx' });
}

function readInvitation(file: string): string {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new CommandFailure(`there is no invitation file at ${source}`);
  return readFileSync(source, 'utf8');
}

/** A refusal of the network side as the command line says it: the message and its reason. */
function failure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new CommandFailure(`${error.message} (${String(error.details?.reason ?? error.code.toLowerCase())})`);
}

async function pairCode(ctx: ServiceContext, args: ParsedArgs, say: Say): Promise<void> {
  const minutes = stringFlag(args, 'valid-minutes');
  // Out of range was clamped in silence (0 made a 1-minute code): say the range instead.
  if (minutes !== undefined && (!/^\d+$/.test(minutes) || Number(minutes) < MIN_CODE_MINUTES || Number(minutes) > MAX_CODE_MINUTES)) {
    throw new UsageError(`--valid-minutes must be a whole number of minutes from ${MIN_CODE_MINUTES} to ${MAX_CODE_MINUTES}, got ${minutes}\n${USAGE}`);
  }
  const made = await makePairingCode({ ...ctx, actor: requireAdmin(actingUser(ctx, args)) }, minutes === undefined ? {} : { validMinutes: Number(minutes) }).catch((error: unknown) => {
    throw failure(error);
  });
  if (args.flags.has('json')) return say(JSON.stringify(made, null, 2));
  say(`Pairing code: ${made.code}`);
  say(`Valid until ${localTime(made.expiresAt)}, once.`);
  say(`Hub fingerprint: ${made.fingerprint}`);
  const urls = knownHubUrls(ctx.sqlite);
  const hub = urls.length === 1 ? urls[0] : 'URL';
  say(`On the laptop: npm run cli -- team join --data-dir DIR --hub ${hub} --code ${made.code} --device-name "NAME" (or Administración → Equipo), and compare the fingerprint.`);
  if (urls.length > 1) say(`The hub listens at: ${urls.join(', ')} (use the one on the laptop's network).`);
  if (urls.length === 0) say('URL: the address the hub prints when it starts (npm run cli -- hub --data-dir DIR --listen HOST:PORT), e.g. https://192.168.1.20:7443.');
}

/**
 * --id: an unused invitation's id as `team status` lists it, or the start of one when exactly one unused invitation's id
 * starts so. Anything else goes to the service as typed, which says why it cannot be cancelled (used by a member, unknown).
 */
function invitationId(ctx: ServiceContext, given: string): string {
  const typed = given.trim().toLowerCase();
  // An empty start would match every invitation: with one left, a blank --id would call it off.
  if (typed === '') throw new CommandFailure('--id needs an invitation id (team status lists them)');
  const matches = teamStatus(ctx).invitations.filter((invitation) => invitation.id.startsWith(typed));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length > 1) throw new CommandFailure(`${typed} starts the ids of ${matches.length} unused invitations (${matches.map((i) => i.id).join(', ')}): give more of it`);
  return typed;
}

async function joinHub(ctx: ServiceContext, args: ParsedArgs, say: Say): Promise<void> {
  const url = requireFlag(args, 'hub');
  const code = requireFlag(args, 'code');
  const deviceName = stringFlag(args, 'device-name');
  const outcome = await pairWithHub({ ...ctx, actor: actingUser(ctx, args) }, { url, code, ...(deviceName ? { deviceName } : {}) }).catch((error: unknown) => {
    throw failure(error);
  });
  if (args.flags.has('json')) return say(JSON.stringify({ ...statusJson(teamStatus(ctx)), ...outcome }, null, 2));
  const status = teamStatus(ctx);
  say(outcome.joined ? `Joined "${status.team?.name}" as slot ${slotLabel(status.device.slot)} (device ${status.device.id}) through the hub ${outcome.hubName}.` : `Linked with ${outcome.hubName}; this copy was already in the team.`);
  say(`Hub fingerprint: ${outcome.fingerprint} — it must match the one the hub shows.`);
  // Joining brought the team's data; the round counts only what came after it ("received 0" read as "got nothing").
  const round = outcome.joined ? 'First sync after joining (the team\'s data came with the joining)' : 'First sync';
  if (outcome.round) say(`${round}: sent ${outcome.round.sent}, received ${outcome.round.received}${outcome.round.inStep ? ', in step with the hub' : ''}.`);
  else process.stderr.write(`warning: paired, but the first sync failed: ${outcome.roundError}; run "sync now" to try again\n`);
}

async function run(ctx: ServiceContext, sub: string, args: ParsedArgs, say: Say): Promise<void> {
  const json = args.flags.has('json');
  const out = (value: unknown) => say(JSON.stringify(value, null, 2));
  switch (sub) {
    case 'status': {
      const status = teamStatus(ctx);
      const net = status.team ? netFacts(ctx) : null;
      if (json) out({ ...statusJson(status), ...netJson(net) });
      else {
        printStatus(status, say);
        if (net) printNet(net, say);
      }
      return;
    }
    case 'create': {
      const input = parsed(teamCreateInput, { name: requireFlag(args, 'name'), deviceName: stringFlag(args, 'device-name') });
      const status = createTeam({ ...ctx, actor: requireAdmin(actingUser(ctx, args)) }, input);
      if (json) return out(statusJson(status));
      say(`Created the team "${status.team?.name}"; this device is slot ${slotLabel(status.device.slot)}.`);
      say('Invite members with: npm run cli -- team invite --data-dir DIR --out member.eminvite');
      say('or, on the office network, serve as the hub (npm run cli -- hub --data-dir DIR) and pair each laptop with a code: npm run cli -- team pair-code --data-dir DIR');
      return;
    }
    case 'invite': {
      const hours = stringFlag(args, 'valid-hours');
      const input = parsed(teamInviteInput, { memberName: stringFlag(args, 'member-name'), validHours: hours === undefined ? undefined : Number(hours) });
      const target = freshTarget(requireFlag(args, 'out'));
      const file = createInvitation({ ...ctx, actor: requireAdmin(actingUser(ctx, args)) }, input);
      const invitation = JSON.parse(Buffer.from(file.bytes).toString('utf8')) as { invitation: { id: string; slot: number; expiresAt: string } };
      writeInvitation(target, file.bytes);
      if (json) return out({ file: target, ...invitation.invitation });
      say(`Invitation for slot ${slotLabel(invitation.invitation.slot)} written to ${target}; it can be used once, until ${localTime(invitation.invitation.expiresAt)}.`);
      say('It contains the team key: hand it over like a password (in person, on a USB stick) and delete it once used.');
      return;
    }
    case 'pair-code':
      return pairCode(ctx, args, say);
    case 'join': {
      if (stringFlag(args, 'hub') !== undefined || stringFlag(args, 'code') !== undefined) return joinHub(ctx, args, say);
      const input = parsed(teamJoinInput, { invite: readInvitation(requireFlag(args, 'invite')), deviceName: stringFlag(args, 'device-name') });
      const { result } = joinTeam({ ...ctx, actor: actingUser(ctx, args) }, input);
      if (json) return out({ ...statusJson(result.status), renumbered: result.renumbered, mergedUsers: result.mergedUsers, renamedUsers: result.renamedUsers });
      say(`Joined "${result.status.team?.name}" as slot ${slotLabel(result.status.device.slot)} (device ${result.status.device.id}).`);
      if (result.renumbered.tickets + result.renumbered.workOrders > 0) {
        say(`Renumbered ${counted(result.renumbered.tickets, 'ticket')} and ${counted(result.renumbered.workOrders, 'work order')} into the slot; search still finds their old codes.`);
      }
      if (result.mergedUsers > 0) {
        const who = result.mergedUsers === 1 ? '1 user is the same person as a team user' : `${result.mergedUsers} users are the same people as team users`;
        say(`${who} (same email): after the first import they sign in with their team username and password.`);
      }
      for (const renamed of result.renamedUsers) say(`Username "${renamed.from}" belongs to another team member: renamed to "${renamed.to}".`);
      const hasUsers = ctx.sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
      if (!hasUsers) say('This copy has no users yet: import a bundle from a team member (sync import) to bring the team\'s people, then sign in with your team account.');
      else say('Next: export a bundle here and import it on a team member, and import one from them (sync export / sync import).');
      return;
    }
    case 'cancel-invitation': {
      const input = parsed(teamCancelInvitationInput, { id: invitationId(ctx, requireFlag(args, 'id')) });
      const actor = requireAdmin(actingUser(ctx, args));
      let status: TeamStatusDto;
      try {
        status = cancelInvitation({ ...ctx, actor }, input);
      } catch (error) {
        throw failure(error);
      }
      if (json) return out(statusJson(status));
      say(`Cancelled the invitation ${input.id}: every member refuses a computer that joined with it, once this change reaches them (export a bundle, or a round with the hub).`);
      say('A member that had already been accepted stays in the team: revoke it with "team revoke" if it should not be.');
      return;
    }
    case 'revoke': {
      const input = parsed(teamRevokeInput, { deviceId: requireFlag(args, 'device') });
      const status = revokeDevice({ ...ctx, actor: requireAdmin(actingUser(ctx, args)) }, input);
      if (json) return out(statusJson(status));
      say(`Revoked ${input.deviceId}: every member refuses what it makes from now on, once this change reaches them (export a bundle).`);
      return;
    }
    default:
      throw new UsageError(`${sub ? `unknown team command "${sub}"` : 'which team command?'}\n${USAGE}`);
  }
}

const SUBCOMMANDS = ['create', 'invite', 'join', 'status', 'cancel-invitation', 'revoke', 'pair-code'];

export const teamCommand: CliCommand = {
  name: 'team',
  usage: 'team create|invite|join|status|cancel-invitation|revoke|pair-code ...',
  summary: 'create a team, invite or join a member with an .eminvite file, show members and unused invitations, cancel an invitation, revoke a device (run "team" for details)',
  async run(args) {
    const sub = args.positional[1];
    if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(`${sub ? `unknown team command "${sub}"` : 'which team command?'}\n${USAGE}`);
    if (sub === 'pair-code' && args.flags.has('postgres')) return pgPairCode(args);
    const dataDir = requireDataDir(args);
    // Joining may start a data folder from nothing; everything else needs the database to exist.
    if (sub !== 'join') existingDatabase(dataDir);
    const joining = sub === 'join';
    const before = joining ? folderEntries(dataDir) : null;
    const backend = createBackend({ dataDir });
    const ctx: ServiceContext = { db: backend.database.db, sqlite: backend.database.sqlite, actor: null, clock: systemClock, events: backend.events, dataDir };
    let failed = false;
    try {
      await run(ctx, sub, args, (line) => process.stdout.write(`${line}\n`));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      backend.close();
      // A join that failed into a new folder leaves nothing behind (a later join would find a stray database).
      if (failed && joining && !before?.has(DATABASE_FILE)) removeCreated(dataDir, before);
    }
  },
};
