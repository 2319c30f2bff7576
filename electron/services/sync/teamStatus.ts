// The team as this copy sees it: who is in it, when each member was last heard of, the invitations still open, and what is pending.
import type Database from 'better-sqlite3';
import type { TeamInvitationDto, TeamMemberDto, TeamStatusDto } from '../../contract/team';
import { systemClock, type ServiceContext } from '../context';
import { isDemoCopy } from '../demoCopy';
import { readVector } from './apply';
import { readHubSetting } from './background/hubSetting';
import { peerHeardAt, peerVector, peerVectors } from './bundle-peers';

export interface LocalTeamRow {
  device_id: string;
  device_name: string;
  team_id: string | null;
  team_name: string | null;
  slot: number | null;
  last_export_at: string | null;
  last_import_at: string | null;
}

export function readLocal(sqlite: Database.Database): LocalTeamRow {
  return sqlite
    .prepare('SELECT device_id, device_name, team_id, team_name, slot, last_export_at, last_import_at FROM sync_local WHERE id = 1')
    .get() as LocalTeamRow;
}

const count = (sqlite: Database.Database, sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;

const latest = (...values: (string | null | undefined)[]): string | null =>
  values.filter((v): v is string => typeof v === 'string' && v.length > 0).sort().at(-1) ?? null;

interface LinkTimes {
  peer_device_id: string;
  url: string | null;
  last_sync_at: string | null;
}

const linkTimes = (sqlite: Database.Database): LinkTimes[] =>
  sqlite.prepare('SELECT peer_device_id, url, last_sync_at FROM sync_links ORDER BY created_at DESC').all() as LinkTimes[];

function members(sqlite: Database.Database, selfId: string, links: LinkTimes[], hubIds: ReadonlySet<string>): TeamMemberDto[] {
  // An HLC starts with its ISO wall time (24 characters); a device's last seq carries its latest clock.
  const rows = sqlite
    .prepare(
      `SELECT m.device_id, m.name, m.slot, m.created_at, m.revoked_at,
              (SELECT substr(o.hlc, 1, 24) FROM sync_ops o WHERE o.device_id = m.device_id ORDER BY o.seq DESC LIMIT 1) AS last_op
       FROM team_members m ORDER BY m.slot, m.device_id`,
    )
    .all() as { device_id: string; name: string; slot: number; created_at: string; revoked_at: string | null; last_op: string | null }[];
  // Last contact: ops from the device or its acknowledgement arrived here (bundle or network round), or its newest op.
  const heard = peerHeardAt(sqlite);
  const linked = new Map(links.map((link) => [link.peer_device_id, link.last_sync_at]));
  return rows.map((row) => ({
    deviceId: row.device_id,
    name: row.name,
    slot: row.slot,
    joinedAt: row.created_at,
    lastContactAt: latest(row.last_op, heard[row.device_id], linked.get(row.device_id)),
    revokedAt: row.revoked_at,
    isSelf: row.device_id === selfId,
    isHub: hubIds.has(row.device_id),
  }));
}

/**
 * Invitations made and not used by a member known here, nor cancelled, newest first. Expired ones stay listed (marked):
 * a computer that joined in time, offline, can still arrive with one, and an admin who lost its file may cancel it.
 */
function pendingInvitations(sqlite: Database.Database, now: Date): TeamInvitationDto[] {
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.slot, i.member_name, i.created_at, i.expires_at, u.full_name AS made_by
       FROM team_invitations i LEFT JOIN users u ON u.id = i.created_by
       WHERE NOT EXISTS (SELECT 1 FROM team_members m WHERE m.invitation_id = i.id)
         AND NOT EXISTS (SELECT 1 FROM team_invitation_cancellations c WHERE c.invitation_id = i.id)
       ORDER BY i.created_at DESC, i.id`,
    )
    .all() as { id: string; slot: number; member_name: string | null; created_at: string; expires_at: string; made_by: string | null }[];
  return rows.map((row) => ({
    id: row.id,
    slot: row.slot,
    memberName: row.member_name,
    madeBy: row.made_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    expired: Date.parse(row.expires_at) <= now.getTime(),
  }));
}

/**
 * Own ops nobody acknowledged. Paired with a hub: those beyond what the hub's vector (noted after every round) holds
 * of this device; otherwise those made since the last bundle export.
 */
export function unsentOwnOps(sqlite: Database.Database, local: LocalTeamRow = readLocal(sqlite)): number {
  const hub = linkTimes(sqlite).find((link) => link.url !== null);
  if (hub) {
    const acked = peerVector(sqlite, hub.peer_device_id)[local.device_id] ?? 0;
    return Math.max(0, count(sqlite, 'SELECT next_seq - 1 AS n FROM sync_local WHERE id = 1') - acked);
  }
  return local.last_export_at === null
    ? count(sqlite, 'SELECT next_seq - 1 AS n FROM sync_local WHERE id = 1')
    : // '~' sorts after the '-' that follows the wall time: ops stamped in the export's own millisecond count as sent.
      // `+device_id` keeps the planner on the clock index: only ops after the export are read.
      count(sqlite, 'SELECT count(*) AS n FROM sync_ops WHERE hlc > ? AND +device_id = ?', `${local.last_export_at}~`, local.device_id);
}

/**
 * Own ops that no other active member is known to hold: beyond the most that any of them said it had of this device
 * (the vector of its last bundle imported here, or the hub's after a round). A revoked member's word counts for nothing:
 * what it holds goes no further.
 */
export function unconfirmedOwnOps(sqlite: Database.Database, local: LocalTeamRow, others: readonly TeamMemberDto[]): number {
  const made = count(sqlite, 'SELECT next_seq - 1 AS n FROM sync_local WHERE id = 1');
  const heard = peerVectors(sqlite);
  const confirmed = Math.max(0, ...others.filter((m) => !m.isSelf && !m.revokedAt).map((m) => heard[m.deviceId]?.[local.device_id] ?? 0));
  return Math.max(0, made - confirmed);
}

/** `now`: what an invitation's expiry is judged against (the caller's clock). */
export function readTeamStatus(sqlite: Database.Database, now: Date = systemClock.now()): TeamStatusDto {
  const local = readLocal(sqlite);
  const inTeam = local.team_id !== null;
  const links = inTeam ? linkTimes(sqlite) : [];
  const lastRound = latest(...links.map((link) => link.last_sync_at));
  // The creator's membership is the one no invitation made.
  const founder = inTeam
    ? (sqlite.prepare('SELECT device_id, name FROM team_members WHERE invitation_id IS NULL ORDER BY slot LIMIT 1').get() as { device_id: string; name: string } | undefined)
    : undefined;
  const hubLinks = links.filter((link) => link.url !== null).map((link) => link.peer_device_id);
  const servesAsHub = inTeam && readHubSetting(sqlite).enabled && hubLinks.length === 0;
  const team = inTeam ? members(sqlite, local.device_id, links, new Set(servesAsHub ? [local.device_id] : hubLinks)) : [];
  const unconfirmedOps = inTeam ? unconfirmedOwnOps(sqlite, local, team) : 0;
  // A hub sends nothing itself: its changes leave as members fetch them, and each member's next request confirms them.
  const unsentOps = servesAsHub ? unconfirmedOps : unsentOwnOps(sqlite, local);
  return {
    team: inTeam ? { id: local.team_id as string, name: local.team_name ?? '' } : null,
    device: { id: local.device_id, name: local.device_name, slot: inTeam ? local.slot : null, revokedAt: team.find((m) => m.isSelf)?.revokedAt ?? null },
    members: team,
    invitations: inTeam ? pendingInvitations(sqlite, now) : [],
    founderName: founder?.name ?? null,
    isFounder: founder?.device_id === local.device_id,
    demoCopy: isDemoCopy(sqlite),
    vector: readVector(sqlite),
    openConflicts: count(sqlite, 'SELECT count(*) AS n FROM sync_conflicts c WHERE NOT EXISTS (SELECT 1 FROM conflict_resolutions r WHERE r.conflict_id = c.id)'),
    setAside: count(sqlite, "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'"),
    // This copy's own changes (received ones are other members' to send).
    unsentOps,
    unconfirmedOps: Math.max(unsentOps, unconfirmedOps),
    lastExportAt: local.last_export_at,
    lastImportAt: local.last_import_at,
    // One source for every "last …" figure: a network round is an exchange, a send and a receipt.
    lastExchangeAt: latest(local.last_export_at, local.last_import_at, lastRound),
    lastSentAt: latest(local.last_export_at, lastRound),
    lastReceivedAt: latest(local.last_import_at, lastRound),
  };
}

export function teamStatus(ctx: ServiceContext): TeamStatusDto {
  return readTeamStatus(ctx.sqlite, ctx.clock.now());
}
