// What a bundle needs from this copy's team membership: the team key, this device's signing key, and who may send.
import type Database from 'better-sqlite3';
import { AppError } from '../../contract';
import { prepared } from '../sql';
import { refuse, type BundleHeader } from './bundle-format';
import type { OpRecord } from './capture';

export interface TeamCredentials {
  teamId: string;
  teamKey: Buffer;
  deviceId: string;
  privateKey: string;
  publicKey: string;
}

interface LocalRow {
  device_id: string;
  team_id: string | null;
  team_key: string | null;
  private_key: string | null;
  public_key: string | null;
}

/** This copy's team and keys; refuses a copy that is in no team (there is nobody to send to or hear from). */
export function teamCredentials(sqlite: Database.Database): TeamCredentials {
  const row = prepared(sqlite, 'SELECT device_id, team_id, team_key, private_key, public_key FROM sync_local WHERE id = 1').get() as LocalRow;
  if (!row.team_id || !row.team_key || !row.private_key || !row.public_key) {
    throw new AppError('CONFLICT', 'this copy is not in a team yet: create a team or join one first', { reason: 'not_in_team' });
  }
  const teamKey = Buffer.from(row.team_key, 'base64');
  if (teamKey.length !== 32) throw new AppError('INTERNAL', 'the team key of this copy is damaged', { reason: 'bad_team_key' });
  return { teamId: row.team_id, teamKey, deviceId: row.device_id, privateKey: row.private_key, publicKey: row.public_key };
}

/** When `deviceId` was revoked from the team, as this copy knows; null while it is a member (or unknown here). */
export function revokedAtOf(sqlite: Database.Database, deviceId: string): string | null {
  const row = prepared(sqlite, 'SELECT revoked_at FROM team_members WHERE device_id = ?').get(deviceId) as { revoked_at: string | null } | undefined;
  return row?.revoked_at ?? null;
}

interface MemberRow {
  public_key: string;
  revoked_at: string | null;
}

export type SenderStanding = { known: true; publicKey: string } | { known: false };

/** Refuses a revoked sender at once; an unknown one may still introduce itself inside the bundle (see introduces). */
export function senderStanding(sqlite: Database.Database, header: BundleHeader): SenderStanding {
  const member = prepared(sqlite, 'SELECT public_key, revoked_at FROM team_members WHERE device_id = ?').get(header.fromDevice) as MemberRow | undefined;
  if (!member) return { known: false };
  if (member.revoked_at !== null) {
    throw refuse('revoked_member', `the device that made this bundle (${header.fromDevice}) was removed from the team on ${member.revoked_at}; its changes are refused`);
  }
  return { known: true, publicKey: member.public_key };
}

/** True while this copy knows no member but itself (it just joined): it trusts the first bundle of its team. */
export function isFirstContact(sqlite: Database.Database, ownDevice: string): boolean {
  return prepared(sqlite, 'SELECT 1 FROM team_members WHERE device_id <> ? LIMIT 1').get(ownDevice) === undefined;
}

/**
 * A member this copy has not heard of yet introduces itself: its bundle carries the insert of its own team_members
 * row with the public key of the header, and either an invitation this copy made or knows (that no other device
 * used, nor any admin cancelled), or this copy knows nobody yet (it just joined: the invitation file names the team,
 * not the inviter's row).
 * Only a holder of the team key could have written the bundle at all.
 */
export function introduces(sqlite: Database.Database, header: BundleHeader, fields: Record<string, unknown>, firstContact: boolean): boolean {
  if (fields.public_key !== header.senderPublicKey) return false;
  if (firstContact) return true;
  if (typeof fields.invitation_id !== 'string') return false;
  const invitation = prepared(sqlite, 'SELECT 1 FROM team_invitations WHERE id = ?').get(fields.invitation_id);
  if (!invitation) return false;
  if (invitationCancelledAt(sqlite, fields.invitation_id) !== null) return false;
  return invitationHolder(sqlite, header, fields) === null;
}

/** When an admin cancelled the invitation, as this copy knows (the first of its cancellations); null while it stands. */
export function invitationCancelledAt(sqlite: Database.Database, invitationId: unknown): string | null {
  if (typeof invitationId !== 'string') return null;
  const row = prepared(sqlite, 'SELECT min(created_at) AS at FROM team_invitation_cancellations WHERE invitation_id = ?').get(invitationId) as { at: string | null };
  return row.at;
}

/** The insert of `deviceId`'s own team_members row among these ops: how a device unknown here introduces itself. */
export function ownMembershipInsert(ops: readonly OpRecord[], deviceId: string): Record<string, unknown> | null {
  return ops.find((op) => op.entity === 'team_members' && op.kind === 'insert' && op.rowId === deviceId)?.fields ?? null;
}

/** Why a device that joined with a cancelled invitation is refused: the same words from a bundle import and a hub. */
export function cancelledInvitationMessage(deviceId: string, membership: Record<string, unknown>, cancelledAt: string): string {
  const name = typeof membership.name === 'string' ? ` ("${membership.name}")` : '';
  return `the device ${deviceId}${name} joined with an invitation that was cancelled on ${cancelledAt}; its changes are refused (if it belongs in the team, make it a new invitation and join with that)`;
}

/** The name of another member that joined with the invitation the sender's membership names (one invitation, one computer). */
export function invitationHolder(sqlite: Database.Database, header: BundleHeader, fields: Record<string, unknown>): string | null {
  if (typeof fields.invitation_id !== 'string') return null;
  const holder = prepared(sqlite, 'SELECT name FROM team_members WHERE invitation_id = ? AND device_id <> ?').get(fields.invitation_id, header.fromDevice) as { name: string } | undefined;
  return holder?.name ?? null;
}
