// Who the central hub is (hub_identity: a member device of the team, with its slot and keys), and the hub's own
// ops: an invitation made at pairing is a replicated write authored by the hub device, merged by the same rules as
// every member's op (pgRecordOwnOp) so the materialized tables and the op log stay one story.
import { AppError } from '../../../contract';
import type { OpRecord } from '../capture';
import { fingerprintOf } from '../net/links';
import { VECTOR_SQL } from './pgOpLog';
import { pgRecordOwnOp } from './pgOwnOps';
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

const revokedHub = (): AppError => new AppError('FORBIDDEN', 'the hub device was revoked from the team; it cannot serve as hub', { reason: 'device_revoked' });

/**
 * What a hello answers (the hub's device, name and vector), with readHubIdentity's refusals, in one statement: every
 * member's round starts with one, and three round trips each were a hundred members' worth of queueing.
 */
export async function pgHello(client: PgClient): Promise<{ deviceId: string; name: string; vector: Record<string, number> }> {
  const [row] = await pgRun<{ device_id: string; device_name: string; revoked_at: string | null; vector: Record<string, number> }>(
    client,
    `SELECT h.device_id, h.device_name, m.revoked_at,
            (SELECT coalesce(json_object_agg(v.device_id, v.seq), '{}') FROM (${VECTOR_SQL}) AS v) AS vector
     FROM hub_identity h LEFT JOIN team_members m ON m.device_id = h.device_id WHERE h.id = 1`,
  );
  if (!row) throw noTeamYet();
  if (row.revoked_at) throw revokedHub();
  return { deviceId: row.device_id, name: row.device_name, vector: row.vector };
}

/** The hub's identity; refuses a database with none, or a hub device the team has revoked. */
export async function readHubIdentity(client: PgClient): Promise<PgHubIdentity> {
  const [row] = await pgRun<IdentityRow>(client, 'SELECT device_id, device_name, team_id, team_name, team_key, slot, private_key, public_key FROM hub_identity WHERE id = 1');
  if (!row) throw noTeamYet();
  const [member] = await pgRun<{ revoked_at: string | null }>(client, 'SELECT revoked_at FROM team_members WHERE device_id = $1', [row.device_id]);
  if (member?.revoked_at) throw revokedHub();
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
 * Writes one replicated row change as an op of the hub device, inside the caller's transaction, through the
 * applier's pgRecordOwnOp (seq after the hub's last op in the log, stamp after every applied op, the author's rights
 * checked as members will check them). The identity row is locked first: two hub processes write one at a time,
 * and hub_identity keeps the hub's last stamp and next seq as a laptop's sync_local does.
 */
export async function pgRecordHubOp(client: PgClient, change: Pick<OpRecord, 'entity' | 'rowId' | 'kind' | 'fields' | 'authorId'>, nowMs: number): Promise<OpRecord> {
  const [self] = await pgRun<{ device_id: string }>(client, 'SELECT device_id FROM hub_identity WHERE id = 1 FOR UPDATE');
  if (!self) throw noTeamYet();
  const op = await pgRecordOwnOp(client, { ...change, deviceId: self.device_id }, nowMs);
  await pgRun(client, 'UPDATE hub_identity SET last_hlc = $1, next_seq = $2, updated_at = $3 WHERE id = 1', [op.hlc, op.seq + 1, new Date(nowMs).toISOString()]);
  return op;
}
