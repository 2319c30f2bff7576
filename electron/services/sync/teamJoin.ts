// Joining a team with an invitation file. Whatever this copy holds is kept: the same person, role, category
// or product becomes the team's one (teamMerge), every code moves into this member's slot with its old code
// as an alias (teamRenumber), and the op log that never left this copy is replaced by a fresh baseline
// (teamRebase), so the other members receive the joined state. All of it in one transaction.
import type { z } from 'zod';
import { AppError } from '../../contract';
import type { TeamJoinDto, TeamJoinPreviewDto, teamJoinInput, teamPreviewJoinInput } from '../../contract/team';
import { inTransaction, type ServiceContext } from '../context';
import { assertNotDemoCopy } from '../demoCopy';
import { readSettings } from '../settings';
import { recordCapturedOps, schemaVersionOf } from './capture';
import { REPLICATED_SETTING_KEYS } from './entities';
import { alreadyInTeam, defaultDeviceName, insertMember } from './team';
import { parseInvitation, type Invitation } from './teamInvitation';
import { newDeviceId, newDeviceKeyPair, type DeviceKeyPair } from './teamKeys';
import { mergeWithDirectory, type MergeOutcome } from './teamMerge';
import { rebaseOpLog } from './teamRebase';
import { renumberingInto, renumberIntoSlot, type RenumberOutcome } from './teamRenumber';
import { readLocal, readTeamStatus } from './teamStatus';

export interface JoinOutcome {
  result: TeamJoinDto;
  /** The acting user's id after the join: the team's id when it was the same person (its session must follow). */
  actorId: string | null;
}

function assertCanJoin(ctx: ServiceContext, invitation: Invitation, nowMs: number): void {
  const used = ctx.sqlite.prepare('SELECT 1 FROM team_members WHERE invitation_id = ?').get(invitation.invitation.id);
  if (used) throw new AppError('CONFLICT', 'this invitation has already been used; ask an admin of the team for a new one', { reason: 'invitation_used' });
  const local = readLocal(ctx.sqlite);
  if (local.team_id !== null) throw alreadyInTeam(local.team_name);
  if (Date.parse(invitation.invitation.expiresAt) <= nowMs) {
    throw new AppError('CONFLICT', `this invitation expired at ${invitation.invitation.expiresAt}; ask an admin of the team for a new one`, {
      reason: 'invitation_expired',
      expiresAt: invitation.invitation.expiresAt,
    });
  }
  if (invitation.schemaVersion > schemaVersionOf(ctx.sqlite)) {
    throw new AppError('CONFLICT', 'the team uses a newer version of Emerald; update this copy before joining', { reason: 'newer_schema' });
  }
  // Only the command line on a data folder with nobody in it joins without a signed-in admin.
  if (ctx.actor === null && ctx.sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined) {
    throw new AppError('UNAUTHENTICATED', 'sign in as an administrator to join a team', { reason: 'no_session' });
  }
  assertNotDemoCopy(ctx.sqlite);
}

/**
 * Who authors this device's membership op: the acting admin (as the team knows them). When the acting user is a
 * team user without full access (a technician's own laptop), the admin who issued the invitation vouches for it.
 */
function membershipAuthor(actorId: string | null, merge: MergeOutcome, invitation: Invitation): string | null {
  if (actorId === null) return null;
  const teamId = merge.users.get(actorId);
  if (teamId === undefined) return actorId;
  const teamUser = invitation.directory.users.find((user) => user.id === teamId);
  return teamUser?.admin ? teamId : invitation.inviter.userId;
}

function setCapture(ctx: ServiceContext, on: boolean): void {
  ctx.sqlite.prepare('UPDATE sync_local SET capture = ? WHERE id = 1').run(on ? 1 : 0);
}

/** The device id and keys a copy joins with; pairing with a hub fixes them first (the hub links that id and key). */
export interface JoinIdentity {
  deviceId: string;
  keys: DeviceKeyPair;
}

/** Makes this copy's rows the team's where they are the same (people, catalog rows, settings), capture turned off. */
function mergeIntoTeam(ctx: ServiceContext, invitation: Invitation, at: string): MergeOutcome {
  // Rows change ids below; their references follow within the transaction and are checked at the commit.
  ctx.sqlite.pragma('defer_foreign_keys = ON');
  setCapture(ctx, false);
  return mergeWithDirectory(ctx.sqlite, invitation.directory, invitation.invitation.slot, at);
}

/** What the join changes in this copy's own rows, as the join answers it and the preview foretells it. */
function whatChanged(merge: MergeOutcome, renumbered: RenumberOutcome): Pick<TeamJoinDto, 'renumbered' | 'mergedUsers' | 'renamedUsers'> {
  return { renumbered, mergedUsers: merge.users.size, renamedUsers: merge.renamedUsers.map(({ from, to }) => ({ from, to })) };
}

/** A setting's value as the join card can show it: text or a number; a logo or a list is only named. */
const shownValue = (value: unknown): string | number | null => (typeof value === 'string' && !value.startsWith('data:')) || typeof value === 'number' ? value : null;

/** The replicated settings as this copy applies them (a key not stored: its default). */
const settingsInForce = (ctx: ServiceContext): Record<string, unknown> => readSettings(ctx.db) as unknown as Record<string, unknown>;

const ROLLED_BACK = Symbol('rolled back');

/** Runs `work` in a transaction that is always rolled back, and returns what it found. */
function thenRollBack<T>(sqlite: ServiceContext['sqlite'], work: () => T): T {
  const found: { value?: T } = {};
  try {
    sqlite.transaction(() => {
      found.value = work();
      throw ROLLED_BACK;
    })();
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
  return found.value as T;
}

/** What joining with this invitation would do here, refused as the join would be; nothing is kept. */
export function previewJoin(ctx: ServiceContext, input: z.output<typeof teamPreviewJoinInput>): TeamJoinPreviewDto {
  const invitation = parseInvitation(input.invite);
  const now = ctx.clock.now();
  // The merge is run and rolled back; the renumbering only counted (it writes every code: long on a large copy).
  const { merge, renumbered, replacedSettings } = thenRollBack(ctx.sqlite, () => {
    assertCanJoin(ctx, invitation, now.getTime());
    const before = settingsInForce(ctx);
    const merged = mergeIntoTeam(ctx, invitation, now.toISOString());
    const after = settingsInForce(ctx);
    return {
      merge: merged,
      renumbered: renumberingInto(ctx.sqlite, invitation.invitation.slot),
      replacedSettings: REPLICATED_SETTING_KEYS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => ({
        key,
        here: shownValue(before[key]),
        team: shownValue(after[key]),
      })),
    };
  });
  return {
    team: { name: invitation.team.name },
    inviterName: invitation.inviter.name,
    slot: invitation.invitation.slot,
    memberName: invitation.invitation.memberName,
    expiresAt: invitation.invitation.expiresAt,
    ...whatChanged(merge, renumbered),
    unifiedUserIds: [...merge.users.keys()],
    teamUsernames: Object.fromEntries(
      [...merge.users].map(([localId, teamId]) => [localId, invitation.directory.users.find((user) => user.id === teamId)?.username ?? '']).filter(([, name]) => name),
    ),
    replacedSettings,
  };
}

export function joinTeam(ctx: ServiceContext, input: z.output<typeof teamJoinInput>, identity?: JoinIdentity): JoinOutcome {
  const invitation = parseInvitation(input.invite);
  const keys = identity?.keys ?? newDeviceKeyPair();
  const actorId = ctx.actor?.id ?? null;
  return inTransaction(ctx, (_tx, emit) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    assertCanJoin(ctx, invitation, now.getTime());
    const { slot } = invitation.invitation;
    const local = readLocal(ctx.sqlite);
    const merge = mergeIntoTeam(ctx, invitation, at);
    const renumbered = renumberIntoSlot(ctx.sqlite, slot, at);
    const deviceId = identity?.deviceId ?? newDeviceId();
    rebaseOpLog(ctx.sqlite, deviceId, merge.adopted);
    const deviceName = input.deviceName ?? invitation.invitation.memberName ?? defaultDeviceName(local.device_name);
    ctx.sqlite
      .prepare('UPDATE sync_local SET team_id = ?, team_name = ?, team_key = ?, slot = ?, private_key = ?, public_key = ?, device_name = ?, updated_at = ? WHERE id = 1')
      .run(invitation.team.id, invitation.team.name, invitation.team.key, slot, keys.privateKey, keys.publicKey, deviceName, at);
    setCapture(ctx, true);
    // The membership is the first op after the baseline; inTransaction's own drain then finds nothing left.
    insertMember(ctx, { deviceId, slot, name: deviceName, publicKey: keys.publicKey, invitationId: invitation.invitation.id }, at);
    recordCapturedOps(ctx.sqlite, membershipAuthor(actorId, merge, invitation), now.getTime());
    for (const entity of ['team', 'ticket', 'workOrder', 'user', 'role', 'category', 'product', 'settings'] as const) {
      emit({ entity, id: entity === 'settings' ? 'settings' : invitation.team.id, kind: 'updated' });
    }
    const newActorId = actorId === null ? null : (merge.users.get(actorId) ?? actorId);
    return {
      actorId: newActorId,
      result: {
        status: readTeamStatus(ctx.sqlite, now),
        ...whatChanged(merge, renumbered),
        actorMerged: newActorId !== actorId,
      },
    };
  });
}
