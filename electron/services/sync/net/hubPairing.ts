// The hub's side of pairing (POST /v1/pair over the code's PSK): in one transaction the code is used up, a newcomer
// gets an invitation (the .eminvite content, made as the admin who made the code), and the device gets its link key.
import { allows } from '../../../contract/access';
import { TEAM_ADMIN_ACCESS } from '../../../contract/team';
import { inTransaction, type ServiceContext } from '../../context';
import { prepared } from '../../sql';
import { loadActor } from '../../users';
import { teamCredentials } from '../bundle-keys';
import { buildInvitation } from '../team';
import { isEd25519PublicKey } from '../teamKeys';
import { WireError } from './httpBody';
import { fingerprintOf, newLinkKey, saveLink } from './links';
import { consumePairingCode, noteCodeInvitation } from './pairingCodes';
import type { PairRequest, PairResponse } from './protocol';

export type HubServices = Omit<ServiceContext, 'actor'>;

export interface MemberRow {
  public_key: string;
  revoked_at: string | null;
}

function creatorOf(services: HubServices, identity: string): string | null {
  const row = prepared(services.sqlite, 'SELECT created_by FROM sync_pairing_codes WHERE identity = ?').get(identity) as { created_by: string | null } | undefined;
  return row?.created_by ?? null;
}

/**
 * Link only for a device of this team (revoked ones refused); a newcomer also gets an invitation. Pure, so the
 * PostgreSQL hub decides the same: `member` is the device's team_members row on the hub, if any.
 */
export function pairStanding(request: PairRequest, teamId: string, selfId: string, member: MemberRow | undefined): 'member' | 'newcomer' {
  if (request.deviceId === selfId) throw new WireError(400, 'malformed', 'a device cannot pair with itself');
  if (!isEd25519PublicKey(request.publicKey)) throw new WireError(400, 'malformed', 'publicKey is not an Ed25519 public key');
  if (member?.revoked_at) throw new WireError(403, 'revoked', `the device ${request.deviceId} was removed from the team; it cannot pair`);
  if (request.teamId === null) {
    if (member) throw new WireError(409, 'device_id_taken', 'this device id is already a member of the team');
    return 'newcomer';
  }
  if (request.teamId !== teamId) throw new WireError(403, 'foreign_team', 'this device belongs to another team');
  if (member && member.public_key !== request.publicKey) throw new WireError(403, 'key_mismatch', 'this device id is in the team with another key');
  return 'member';
}

function checkDevice(services: HubServices, request: PairRequest, teamId: string, selfId: string): 'member' | 'newcomer' {
  const member = prepared(services.sqlite, 'SELECT public_key, revoked_at FROM team_members WHERE device_id = ?').get(request.deviceId) as MemberRow | undefined;
  return pairStanding(request, teamId, selfId, member);
}

export function handlePair(services: HubServices, identity: string, request: PairRequest): PairResponse {
  const team = teamCredentials(services.sqlite);
  const creator = creatorOf(services, identity);
  const loaded = creator === null ? null : loadActor(services.sqlite, creator);
  // Still an administrator (full access): a maker narrowed since would author an invitation every copy refuses.
  const actor = loaded && allows(loaded, TEAM_ADMIN_ACCESS) ? loaded : null;
  const ctx: ServiceContext = { ...services, actor };
  const linkKey = newLinkKey();
  return inTransaction(ctx, (_tx, emit) => {
    const at = ctx.clock.now().toISOString();
    consumePairingCode(ctx.sqlite, identity, at);
    const standing = checkDevice(services, request, team.teamId, team.deviceId);
    let invitation: unknown = null;
    if (standing === 'newcomer') {
      // The code's maker must still be an admin here: the invitation is theirs.
      if (!actor) throw new WireError(403, 'bad_code', 'the administrator who made this code is no longer one here; make a new code');
      // Used at once by the newcomer that asked for it; a day leaves room for a laptop whose clock is off.
      const made = buildInvitation(ctx, { memberName: request.name.slice(0, 100) || undefined, validHours: 24 });
      noteCodeInvitation(ctx.sqlite, identity, made.invitation.id);
      invitation = made;
      emit({ entity: 'team', id: team.teamId, kind: 'updated' });
    }
    saveLink(ctx.sqlite, { peerDeviceId: request.deviceId, peerName: request.name, url: null, linkKey, fingerprint: fingerprintOf(request.publicKey) }, at);
    const self = prepared(ctx.sqlite, 'SELECT device_name FROM sync_local WHERE id = 1').get() as { device_name: string };
    return {
      hub: { deviceId: team.deviceId, name: self.device_name, publicKey: team.publicKey, fingerprint: fingerprintOf(team.publicKey) },
      linkKey: linkKey.toString('base64'),
      invitation,
    };
  });
}
