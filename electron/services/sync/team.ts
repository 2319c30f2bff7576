// A team on this copy: create one, invite a member with a one-use file, call an invitation off, revoke a device.
// Every change to team_members / team_invitations runs in inTransaction, so it is an op the other members receive.
import { hostname } from 'node:os';
import type { z } from 'zod';
import { AppError, notFound } from '../../contract';
import type { FilePayload } from '../../contract/define';
import type { TeamStatusDto, teamCancelInvitationInput, teamCreateInput, teamInviteInput, teamRevokeInput } from '../../contract/team';
import { inTransaction, nowIso, requireActor, type ServiceContext } from '../context';
import { newId } from '../ids';
import { readSettings } from '../settings';
import { localYearOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import { invitationCancelledAt, revokedAtOf } from './bundle-keys';
import { schemaVersionOf } from './capture';
import { newDeviceKeyPair, newTeamKey } from './teamKeys';
import { INVITATION_FORMAT, INVITATION_MIME, INVITATION_VERSION, invitationFileName, readDirectory, type Invitation } from './teamInvitation';
import { creatorSlot, invitationSlot } from './teamSlots';
import { readLocal, teamStatus } from './teamStatus';

export const DEFAULT_INVITATION_HOURS = 72;

export function alreadyInTeam(teamName: string | null): AppError {
  return new AppError('CONFLICT', `this copy is already in the team "${teamName ?? ''}"`, { reason: 'already_in_team' });
}

function notInTeam(): AppError {
  return new AppError('CONFLICT', 'this copy is not in a team; create or join one first', { reason: 'not_in_team' });
}

/** The name a device shows to the team when nobody typed one. */
export function defaultDeviceName(current: string): string {
  return current.trim() || hostname() || 'Emerald';
}

export function insertMember(ctx: ServiceContext, member: { deviceId: string; slot: number; name: string; publicKey: string; invitationId: string | null }, at: string): void {
  ctx.sqlite
    .prepare('INSERT INTO team_members (device_id, slot, name, public_key, invitation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(member.deviceId, member.slot, member.name, member.publicKey, member.invitationId, at, at);
}

export function createTeam(ctx: ServiceContext, input: z.output<typeof teamCreateInput>): TeamStatusDto {
  requireActor(ctx);
  const keys = newDeviceKeyPair();
  return inTransaction(ctx, (tx, emit) => {
    const local = readLocal(ctx.sqlite);
    if (local.team_id !== null) throw alreadyInTeam(local.team_name);
    const at = nowIso(ctx);
    const slot = creatorSlot(ctx.sqlite, readSettings(tx), localYearOf(companyTimeZone(ctx.sqlite), at));
    const teamId = newId();
    const name = input.deviceName ?? defaultDeviceName(local.device_name);
    ctx.sqlite
      .prepare('UPDATE sync_local SET team_id = ?, team_name = ?, team_key = ?, slot = ?, private_key = ?, public_key = ?, device_name = ?, updated_at = ? WHERE id = 1')
      .run(teamId, input.name, newTeamKey(), slot, keys.privateKey, keys.publicKey, name, at);
    insertMember(ctx, { deviceId: local.device_id, slot, name, publicKey: keys.publicKey, invitationId: null }, at);
    emit({ entity: 'team', id: teamId, kind: 'created' });
    return teamStatus(ctx);
  });
}

interface TeamSecrets {
  device_id: string;
  device_name: string;
  team_id: string | null;
  team_name: string | null;
  team_key: string | null;
  public_key: string | null;
}

/** A revoked copy changes nothing about the team: every member refuses what it sends from then on. */
function assertNotRevoked(ctx: ServiceContext, deviceId: string, what: string): void {
  if (revokedAtOf(ctx.sqlite, deviceId) !== null) throw new AppError('FORBIDDEN', `this device was revoked from the team; it cannot ${what}`, { reason: 'device_revoked' });
}

/**
 * Only the device that created the team (its member row has no invitation) hands out invitations: slots are numbered
 * where the invitation is made, and two copies numbering offline would give one slot twice (the same codes forever).
 */
function assertFounder(ctx: ServiceContext, deviceId: string): void {
  const self = ctx.sqlite.prepare('SELECT invitation_id FROM team_members WHERE device_id = ?').get(deviceId) as { invitation_id: string | null } | undefined;
  if (self !== undefined && self.invitation_id === null) return;
  const founder = ctx.sqlite.prepare('SELECT name FROM team_members WHERE invitation_id IS NULL ORDER BY slot LIMIT 1').get() as { name: string } | undefined;
  const where = founder ? `the computer that created the team (${founder.name})` : 'the computer that created the team';
  throw new AppError('CONFLICT', `invitations are made on ${where}; ask there`, { reason: 'invite_from_founder', founder: founder?.name ?? null });
}

export function createInvitation(ctx: ServiceContext, input: z.output<typeof teamInviteInput>): FilePayload {
  requireActor(ctx);
  return inTransaction(ctx, (_tx, emit) => {
    const invitation = buildInvitation(ctx, input);
    emit({ entity: 'team', id: invitation.team.id, kind: 'updated' });
    return {
      fileName: invitationFileName(input.memberName ?? null, invitation.invitation.slot, input.language),
      mimeType: INVITATION_MIME,
      bytes: new Uint8Array(Buffer.from(`${JSON.stringify(invitation, null, 2)}\n`, 'utf8')),
    };
  });
}

/**
 * An invitation's content (the .eminvite file, or what the hub hands a newcomer at pairing): records its
 * team_invitations row. Call inside the caller's inTransaction, with an admin as actor.
 */
export function buildInvitation(ctx: ServiceContext, input: z.output<typeof teamInviteInput>): Invitation {
  const actor = requireActor(ctx);
  const local = ctx.sqlite.prepare('SELECT device_id, device_name, team_id, team_name, team_key, public_key FROM sync_local WHERE id = 1').get() as TeamSecrets;
  if (local.team_id === null || local.team_key === null || local.public_key === null) throw notInTeam();
  assertNotRevoked(ctx, local.device_id, 'invite');
  assertFounder(ctx, local.device_id);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + (input.validHours ?? DEFAULT_INVITATION_HOURS) * 3_600_000).toISOString();
  const slot = invitationSlot(ctx.sqlite);
  const id = newId();
  ctx.sqlite
    .prepare('INSERT INTO team_invitations (id, slot, expires_at, created_by, member_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, slot, expiresAt, actor.id, input.memberName ?? null, at, at);
  const invitation: Invitation = {
    format: INVITATION_FORMAT,
    version: INVITATION_VERSION,
    schemaVersion: schemaVersionOf(ctx.sqlite),
    team: { id: local.team_id, name: local.team_name ?? '', key: local.team_key },
    inviter: { deviceId: local.device_id, name: local.device_name, publicKey: local.public_key, userId: actor.id },
    invitation: { id, slot, memberName: input.memberName ?? null, createdAt: at, expiresAt },
    directory: readDirectory(ctx.sqlite),
  };
  return invitation;
}

export function revokeDevice(ctx: ServiceContext, input: z.output<typeof teamRevokeInput>): TeamStatusDto {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (_tx, emit) => {
    const local = readLocal(ctx.sqlite);
    if (local.team_id === null) throw notInTeam();
    if (input.deviceId === local.device_id) {
      throw new AppError('CONFLICT', 'a device cannot revoke itself; revoke it from another member', { reason: 'cannot_revoke_self' });
    }
    assertNotRevoked(ctx, local.device_id, 'revoke others');
    const member = ctx.sqlite.prepare('SELECT revoked_at FROM team_members WHERE device_id = ?').get(input.deviceId) as { revoked_at: string | null } | undefined;
    if (!member) throw notFound('team member', input.deviceId);
    // Revoking twice keeps the first moment: what the device sent before it stays valid everywhere.
    if (member.revoked_at === null) {
      const at = nowIso(ctx);
      ctx.sqlite.prepare('UPDATE team_members SET revoked_at = ?, revoked_by = ?, updated_at = ? WHERE device_id = ?').run(at, actor.id, at, input.deviceId);
      emit({ entity: 'team', id: local.team_id, kind: 'updated' });
    }
    return teamStatus(ctx);
  });
}

/**
 * Calls off an invitation nobody is known here to have used (its file or the laptop was lost): the cancellation is an op
 * every member receives, and each of them, and each hub, refuses a computer that joined with it and was not known there
 * yet. One that was already accepted somewhere stays a member: revoking is for that.
 */
export function cancelInvitation(ctx: ServiceContext, input: z.output<typeof teamCancelInvitationInput>): TeamStatusDto {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (_tx, emit) => {
    const local = readLocal(ctx.sqlite);
    if (local.team_id === null) throw notInTeam();
    assertNotRevoked(ctx, local.device_id, 'cancel invitations');
    if (!ctx.sqlite.prepare('SELECT 1 FROM team_invitations WHERE id = ?').get(input.id)) throw notFound('invitation', input.id);
    const member = ctx.sqlite.prepare('SELECT name FROM team_members WHERE invitation_id = ? ORDER BY created_at LIMIT 1').get(input.id) as { name: string } | undefined;
    if (member) {
      throw new AppError('CONFLICT', `"${member.name}" already joined with this invitation; cancelling it would not remove it: revoke that member instead`, {
        reason: 'invitation_joined',
        member: member.name,
      });
    }
    // Cancelling twice keeps the first cancellation: the team has nothing new to hear.
    if (invitationCancelledAt(ctx.sqlite, input.id) === null) {
      const at = nowIso(ctx);
      ctx.sqlite
        .prepare('INSERT INTO team_invitation_cancellations (id, invitation_id, cancelled_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(newId(), input.id, actor.id, at, at);
      emit({ entity: 'team', id: local.team_id, kind: 'updated' });
    }
    return teamStatus(ctx);
  });
}
