// Who the central hub is (hub_identity: a member device of the team, with its slot and keys), and the hub's own
// ops: an invitation made at pairing is a replicated write authored by the hub device, merged through the same
// applier as every member's op so the materialized tables and the op log stay one story.
import { AppError } from '../../../contract';
import type { OpRecord } from '../capture';
import { entityOf } from '../entities';
import { formatHlc, tick } from '../hlc';
import { fingerprintOf } from '../net/links';
import { pgApplyOps } from './pgApply';
import { pgRun, type PgClient } from './pgSql';

export interface PgHubIdentity {
  deviceId: string;
  deviceName: string;
  teamId: string;
  teamName: string;
  teamKey: string;
  slot: number;
  privateKey: string;
  publicKey: string;
  fingerprint: string;
}

interface IdentityRow {
  device_id: string;
  device_name: string;
  team_id: string;
  team_name: string;
  team_key: string;
  slot: number;
  private_key: string;
  public_key: string;
}

export function noTeamYet(): AppError {
  return new AppError('CONFLICT', 'this PostgreSQL database holds no team yet: run "hub --postgres URL init --team-name NAME" first', { reason: 'not_in_team' });
}

/** The hub's identity; refuses a database with none, or a hub device the team has revoked. */
export async function readHubIdentity(client: PgClient): Promise<PgHubIdentity> {
  const [row] = await pgRun<IdentityRow>(client, 'SELECT device_id, device_name, team_id, team_name, team_key, slot, private_key, public_key FROM hub_identity WHERE id = 1');
  if (!row) throw noTeamYet();
  const [member] = await pgRun<{ revoked_at: string | null }>(client, 'SELECT revoked_at FROM team_members WHERE device_id = $1', [row.device_id]);
  if (member?.revoked_at) throw new AppError('FORBIDDEN', 'the hub device was revoked from the team; it cannot serve as hub', { reason: 'device_revoked' });
  return {
    deviceId: row.device_id,
    deviceName: row.device_name,
    teamId: row.team_id,
    teamName: row.team_name,
    teamKey: row.team_key,
    slot: row.slot,
    privateKey: row.private_key,
    publicKey: row.public_key,
    fingerprint: fingerprintOf(row.public_key),
  };
}

/**
 * Writes one replicated row change as an op of the hub device, inside the caller's transaction: the hub's seq and
 * clock are taken under a row lock (two hub processes never give one seq twice), the stamp is after every applied
 * op (so the author's rights are judged as of now), and the op goes through pgApplyOps. Throws unless it applied.
 */
export async function pgRecordHubOp(
  client: PgClient,
  change: Pick<OpRecord, 'entity' | 'rowId' | 'kind' | 'fields' | 'authorId'>,
  nowMs: number,
  schemaVersion: number,
): Promise<OpRecord> {
  if (!entityOf(change.entity)) throw new AppError('INTERNAL', `not a replicated table: ${change.entity}`);
  const [self] = await pgRun<{ device_id: string; last_hlc: string; next_seq: number }>(client, 'SELECT device_id, last_hlc, next_seq FROM hub_identity WHERE id = 1 FOR UPDATE');
  if (!self) throw noTeamYet();
  const [newest] = await pgRun<{ hlc: string | null }>(client, "SELECT max(hlc) AS hlc FROM sync_ops WHERE status = 'applied'");
  // A database restored from a dump may hold an older next_seq than ops of the hub that members relayed back since:
  // never give a seq twice.
  const [own] = await pgRun<{ seq: number | null }>(client, 'SELECT max(seq) AS seq FROM sync_ops WHERE device_id = $1', [self.device_id]);
  const seq = Math.max(self.next_seq, (own?.seq ?? 0) + 1);
  const last = newest?.hlc && newest.hlc > self.last_hlc ? newest.hlc : self.last_hlc;
  const op: OpRecord = { ...change, deviceId: self.device_id, seq, hlc: formatHlc(tick(last, nowMs, self.device_id)), base: null, schemaVersion };
  await pgApplyOps(client, [op], nowMs);
  // Its own status, not the outcome's count (held ops this one unblocked count there too).
  const [stored] = await pgRun<{ status: string }>(client, 'SELECT status FROM sync_ops WHERE device_id = $1 AND seq = $2', [op.deviceId, op.seq]);
  if (stored?.status !== 'applied') {
    throw new AppError('INTERNAL', `the hub could not apply its own ${change.entity} ${change.kind} (${stored?.status ?? 'not stored'})`, { reason: 'hub_op_refused' });
  }
  await pgRun(client, 'UPDATE hub_identity SET last_hlc = $1, next_seq = $2, updated_at = $3 WHERE id = 1', [op.hlc, op.seq + 1, new Date(nowMs).toISOString()]);
  return op;
}
