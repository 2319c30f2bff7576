// Pairing on the central hub (POST /v1/pair over the code's PSK), decided as the LAN hub decides (pairStanding):
// in one transaction the code is used up, a newcomer gets an invitation made as the admin who made the code (a
// team_invitations insert authored by that admin on the hub device, merged like any op), and the device its link.
import type pg from 'pg';
import { normalizePermissions } from '../../../contract/access';
import { newId } from '../../ids';
import { MAX_SLOT } from '../../tickets';
import { REPLICATED_SETTING_KEYS } from '../entities';
import { pairStanding, type MemberRow } from '../net/hubPairing';
import { WireError } from '../net/httpBody';
import { fingerprintOf, newLinkKey } from '../net/links';
import { badCode } from '../net/pairingCodes';
import type { PairRequest, PairResponse } from '../net/protocol';
import { INVITATION_FORMAT, INVITATION_VERSION, isTeamAdmin, type Invitation, type TeamDirectory } from '../teamInvitation';
import { pgRecordHubOp, readHubIdentity, type PgHubIdentity } from './pgHubIdentity';
import { pgRun, type PgClient } from './pgSql';

/** As the laptop's newcomer invitation at pairing: used at once; a day leaves room for a laptop whose clock is off. */
const NEWCOMER_INVITATION_HOURS = 24;

interface PersonRow {
  id: string;
  email: string;
  username: string;
  is_active: boolean;
  is_superuser: boolean;
  permissions: unknown;
}

const holderOf = (row: PersonRow) => ({ isSuperuser: row.is_superuser, permissions: normalizePermissions(row.permissions ?? []) });

/** The user a code's maker is now: an active user with full access, else null. */
export async function pgTeamAdmin(client: PgClient, userId: string): Promise<PersonRow | null> {
  const [row] = await pgRun<PersonRow>(
    client,
    'SELECT u.id, u.email, u.username, u.is_active, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = $1',
    [userId],
  );
  return row && row.is_active && isTeamAdmin(holderOf(row)) ? row : null;
}

/** The team's rows with a unique natural key (readDirectory on a laptop), from the hub's materialized tables. */
export async function pgReadDirectory(client: PgClient): Promise<TeamDirectory> {
  const users = await pgRun<PersonRow>(
    client,
    'SELECT u.id, u.email, u.username, u.is_active, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.id COLLATE "C"',
  );
  const settings = await pgRun<{ key: string; value: unknown }>(client, 'SELECT key, value FROM settings WHERE key = ANY($1::text[]) ORDER BY key COLLATE "C"', [
    [...REPLICATED_SETTING_KEYS],
  ]);
  return {
    users: users.map((row) => ({ id: row.id, email: row.email, username: row.username, admin: isTeamAdmin(holderOf(row)) })),
    roles: await pgRun<{ id: string; name: string }>(client, 'SELECT id, name FROM roles ORDER BY id COLLATE "C"'),
    categories: await pgRun<{ id: string; name: string }>(client, 'SELECT id, name FROM ticket_categories ORDER BY id COLLATE "C"'),
    products: await pgRun<{ id: string; sku: string }>(client, 'SELECT id, sku FROM products ORDER BY id COLLATE "C"'),
    settings: settings.map((row) => ({ key: row.key as (typeof REPLICATED_SETTING_KEYS)[number], value: JSON.stringify(row.value) })),
  };
}

/** A slot held by no member, no earlier invitation and no code of any year (invitationSlot on a laptop). */
async function pgInvitationSlot(client: PgClient): Promise<number> {
  const rows = await pgRun<{ slot: number }>(
    client,
    `SELECT slot FROM team_members UNION SELECT slot FROM team_invitations
     UNION SELECT substr(code, length(code) - 5, 2)::integer FROM tickets WHERE code ~ '-[0-9]{4}-[0-9]{6}$'
     UNION SELECT substr(code, length(code) - 5, 2)::integer FROM work_orders WHERE code ~ '-[0-9]{4}-[0-9]{6}$'`,
  );
  const taken = new Set(rows.map((row) => row.slot));
  for (let slot = 1; slot <= MAX_SLOT; slot++) if (!taken.has(slot)) return slot;
  throw new WireError(409, 'no_free_slot', `every slot from 01 to ${MAX_SLOT} is taken; a team holds at most ${MAX_SLOT} devices`);
}

/** Only the founder numbers slots (see assertFounder in team.ts); a hub made by `init` is the founder. */
async function assertFounder(client: PgClient, hub: PgHubIdentity): Promise<void> {
  const [self] = await pgRun<{ invitation_id: string | null }>(client, 'SELECT invitation_id FROM team_members WHERE device_id = $1', [hub.deviceId]);
  if (self && self.invitation_id === null) return;
  throw new WireError(409, 'invite_from_founder', 'newcomers are invited by the computer that created the team; this hub only links members already in it');
}

async function buildInvitation(client: PgClient, hub: PgHubIdentity, creator: PersonRow, memberName: string | null, now: Date, schemaVersion: number): Promise<Invitation> {
  await assertFounder(client, hub);
  // Two hub processes pairing newcomers at once: one at a time from here, so each slot is given once (read
  // committed: the slot query below sees the other's committed invitation).
  await pgRun(client, 'SELECT 1 FROM hub_identity WHERE id = 1 FOR UPDATE');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + NEWCOMER_INVITATION_HOURS * 3_600_000).toISOString();
  const slot = await pgInvitationSlot(client);
  const id = newId();
  await pgRecordHubOp(
    client,
    {
      entity: 'team_invitations',
      rowId: id,
      kind: 'insert',
      fields: { slot, expires_at: expiresAt, created_by: creator.id, member_name: memberName, created_at: at, updated_at: at },
      authorId: creator.id,
    },
    now.getTime(),
  );
  return {
    format: INVITATION_FORMAT,
    version: INVITATION_VERSION,
    schemaVersion,
    team: { id: hub.teamId, name: hub.teamName, key: hub.teamKey },
    inviter: { deviceId: hub.deviceId, name: hub.deviceName, publicKey: hub.publicKey, userId: creator.id },
    invitation: { id, slot, memberName, createdAt: at, expiresAt },
    directory: await pgReadDirectory(client),
  };
}

export interface PgPairResult {
  response: PairResponse;
  linkKey: Buffer;
}

/** The whole pairing, inside the caller's transaction. `schemaVersion`: the laptops' schema this hub speaks. */
export async function pgHandlePair(client: pg.PoolClient, identity: string, request: PairRequest, now: Date, schemaVersion: number): Promise<PgPairResult> {
  const hub = await readHubIdentity(client);
  const at = now.toISOString();
  const [code] = await pgRun<{ created_by: string | null }>(
    client,
    'SELECT created_by FROM sync_pairing_codes WHERE identity = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
    [identity, at],
  );
  if (!code) throw badCode();
  await pgRun(client, 'UPDATE sync_pairing_codes SET used_at = $1 WHERE identity = $2', [at, identity]);
  const [member] = await pgRun<MemberRow>(client, 'SELECT public_key, revoked_at FROM team_members WHERE device_id = $1', [request.deviceId]);
  const standing = pairStanding(request, hub.teamId, hub.deviceId, member);
  let invitation: Invitation | null = null;
  if (standing === 'newcomer') {
    // The code's maker must still be an admin here: the invitation is theirs.
    const creator = code.created_by === null ? null : await pgTeamAdmin(client, code.created_by);
    if (!creator) throw new WireError(403, 'bad_code', 'the administrator who made this code no longer exists here; make a new code');
    invitation = await buildInvitation(client, hub, creator, request.name.slice(0, 100) || null, now, schemaVersion);
    await pgRun(client, 'UPDATE sync_pairing_codes SET invitation_id = $1 WHERE identity = $2', [invitation.invitation.id, identity]);
  }
  const linkKey = newLinkKey();
  // Pairing again with the same device replaces its link (a new key; the old one stops working).
  await pgRun(
    client,
    `INSERT INTO sync_links (peer_device_id, peer_name, link_key, fingerprint, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (peer_device_id) DO UPDATE SET peer_name = excluded.peer_name, link_key = excluded.link_key,
       fingerprint = excluded.fingerprint, created_at = excluded.created_at`,
    [request.deviceId, request.name, linkKey.toString('base64'), fingerprintOf(request.publicKey), at],
  );
  return {
    linkKey,
    response: {
      hub: { deviceId: hub.deviceId, name: hub.deviceName, publicKey: hub.publicKey, fingerprint: hub.fingerprint },
      linkKey: linkKey.toString('base64'),
      invitation,
    },
  };
}
