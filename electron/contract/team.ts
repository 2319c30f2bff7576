// Team channels: create a team, invite and join members, cancel an invitation, revoke a device, and the team's status.
// See DESIGN.md "Team sync". Every change is an op of this device, so it reaches the other members.
import { z } from 'zod';
import { fileNameLanguage, nameText, optionalLine } from './common';
import { channel, type FilePayload } from './define';
import { MAX_INVITE_CHARS } from './uploadLimits';
import type { SettingsDto } from './dto';

export interface TeamMemberDto {
  deviceId: string;
  name: string;
  /** Two-digit slot of this member's codes (TK-2026-SSNNNN). */
  slot: number;
  joinedAt: string;
  /** Wall time of the newest op of this device seen here; null when none arrived yet. */
  lastContactAt: string | null;
  revokedAt: string | null;
  isSelf: boolean;
  /** The team's hub as this copy knows it: the hub it syncs with, or this copy while it serves as one. */
  isHub: boolean;
}

/** An invitation made and not used by any member this copy knows of, nor cancelled. */
export interface TeamInvitationDto {
  id: string;
  /** The slot a computer joining with it takes. */
  slot: number;
  /** Who it is for, as the admin typed it; null when nobody typed a name (or it was made before names were kept). */
  memberName: string | null;
  /** The full name of the admin who made it, as this copy knows them; null when unknown here. */
  madeBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** Past its expiry: no computer can join with it now, but one that joined in time (offline) may still send its changes. */
  expired: boolean;
}

export interface TeamStatusDto {
  team: { id: string; name: string } | null;
  /** `revokedAt`: this copy learned it was revoked (the others refuse what it sends from then on). */
  device: { id: string; name: string; slot: number | null; revokedAt: string | null };
  /** Ordered by slot; empty when this copy is in no team. */
  members: TeamMemberDto[];
  /** Invitations nobody is known to have used and nobody cancelled, newest first; empty in no team. */
  invitations: TeamInvitationDto[];
  /** The device that created the team: the only one that makes invitations. Null when unknown or in no team. */
  founderName: string | null;
  /** True on the copy that created the team. */
  isFounder: boolean;
  /** A folder of demo data: it may create a team of its own to try sync, never join one (`demo_copy`). */
  demoCopy: boolean;
  /** Highest op seq seen per device. */
  vector: Record<string, number>;
  /** Conflicts nobody has resolved yet. */
  openConflicts: number;
  /** Ops received but kept aside (forbidden, revoked, invalid, from the future, waiting for a row). */
  setAside: number;
  /**
   * This copy's own ops nobody has acknowledged: for a copy paired with a hub, those the hub lacks; otherwise those
   * made since its last bundle export (all of them before the first export).
   */
  unsentOps: number;
  /**
   * This copy's own ops no other member is known to hold yet (no bundle or round from one has said it has them): a
   * bundle exported but not yet imported anywhere, or lost on the way. Never below unsentOps.
   */
  unconfirmedOps: number;
  lastExportAt: string | null;
  lastImportAt: string | null;
  /** Last completed transfer of any kind: a bundle exported or imported, or a network round. */
  lastExchangeAt: string | null;
  /** Last time this copy's changes left it: a bundle export or a completed network round. */
  lastSentAt: string | null;
  /** Last time changes arrived: a bundle import or a completed network round. */
  lastReceivedAt: string | null;
}

/** An invitation read before joining with it: whose it is and what the join would change on this copy. */
export interface TeamJoinPreviewDto {
  team: { name: string };
  /** The name of the computer that made the invitation. */
  inviterName: string;
  slot: number;
  memberName: string | null;
  expiresAt: string;
  renumbered: TeamJoinDto['renumbered'];
  mergedUsers: number;
  renamedUsers: TeamJoinDto['renamedUsers'];
  /** This copy's users that become the team's (same e-mail): the team's password and role will be theirs. */
  unifiedUserIds: string[];
  /** For each of them (by this copy's id), the login name it has in the team: the one to sign in with after joining. */
  teamUsernames: Record<string, string>;
  /** Replicated settings whose value here the team's replaces (company name, time zone…). */
  replacedSettings: ReplacedSettingDto[];
}

/** A setting the team's value replaces at the join: both values when they are text or a number (null: a logo, a list). */
export interface ReplacedSettingDto {
  key: keyof SettingsDto;
  here: string | number | null;
  team: string | number | null;
}

/** What joining did to this copy's own data. */
export interface TeamJoinDto {
  status: TeamStatusDto;
  /** Codes moved into this member's slot; the old ones stay searchable as aliases. */
  renumbered: { tickets: number; workOrders: number };
  /** Local users that are a team user (same email) and now have the team's id. */
  mergedUsers: number;
  /** Local users whose username a different team user holds: renamed with the slot as suffix. */
  renamedUsers: { from: string; to: string }[];
  /** True when the caller's own user became the team's (same email): its session continues under the team's id. */
  actorMerged: boolean;
}

const deviceName = optionalLine(100);

export const teamCreateInput = z.strictObject({ name: nameText(200), deviceName });
export const teamInviteInput = z.strictObject({
  memberName: optionalLine(100),
  /** How long the invitation can be used; 72 hours when omitted. */
  validHours: z.number().int().min(1).max(24 * 30).optional(),
  /** The file name's language ("invitacion-maria-03.eminvite" / "invitation-maria-03.eminvite"). */
  language: fileNameLanguage,
});
export { MAX_INVITE_CHARS };
export const teamJoinInput = z.strictObject({
  /** The text of the .eminvite file. */
  invite: z.string().min(1).max(MAX_INVITE_CHARS),
  deviceName,
});
export const teamPreviewJoinInput = teamJoinInput.pick({ invite: true });
export const teamRevokeInput = z.strictObject({ deviceId: z.string().regex(/^[0-9a-f]{16}$/, 'a device id is 16 hex characters') });
export const teamCancelInvitationInput = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * Team membership decides who receives every row (password hashes and the team key included) and whose ops apply
 * here, so it is an administrator's decision (DESIGN, Team sync: "an admin"), not a user admin's: with users:admin
 * alone, joining a team someone else runs would let that team's ops rewrite this copy's users and roles, which
 * services/users/grants.ts refuses to users:admin itself. '*' = superusers and roles with full access.
 */
export const TEAM_ADMIN_ACCESS = '*' as const;

export const teamChannels = {
  'team.status': channel<TeamStatusDto>()({ input: z.strictObject({}), access: 'session' }),
  /** CONFLICT `already_in_team` when this copy is in a team. */
  'team.create': channel<TeamStatusDto>()({ input: teamCreateInput, access: TEAM_ADMIN_ACCESS }),
  /** A one-use .eminvite file; it holds the team key, so it must be handed over like a password. */
  'team.invite': channel<FilePayload>()({ input: teamInviteInput, access: TEAM_ADMIN_ACCESS }),
  /** What team.join would do with this invitation (refused the same ways); changes nothing. */
  'team.previewJoin': channel<TeamJoinPreviewDto>()({ input: teamPreviewJoinInput, access: TEAM_ADMIN_ACCESS }),
  /** Refused: `invalid_invitation`, `invitation_expired`, `invitation_used`, `already_in_team`, `newer_schema`, `demo_copy`. */
  'team.join': channel<TeamJoinDto>()({ input: teamJoinInput, access: TEAM_ADMIN_ACCESS }),
  /** CONFLICT `cannot_revoke_self`; what the device sends after this moment is refused by every member. */
  'team.revoke': channel<TeamStatusDto>()({ input: teamRevokeInput, access: TEAM_ADMIN_ACCESS }),
  /**
   * Calls off an invitation (a lost file or laptop): every member and hub that learns of it refuses a computer that
   * joined with it and was not known there yet. NOT_FOUND; CONFLICT `invitation_joined` when a member known here used
   * it (revoke that member instead). Cancelling twice changes nothing.
   */
  'team.cancelInvitation': channel<TeamStatusDto>()({ input: teamCancelInvitationInput, access: TEAM_ADMIN_ACCESS }),
};
