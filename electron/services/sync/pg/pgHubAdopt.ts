// `hub --postgres URL adopt --invite FILE --bundle FILE`: an existing team (say its office laptop was the LAN hub)
// moves its shared copy to PostgreSQL. The invitation (made on the team's founder for the hub) gives the hub its
// team, key and slot; the bundle is the founder's WHOLE op log (`sync export --full`), replayed through the applier,
// so the hub's log is complete and newcomers can load it as with `init`. The hub then joins as a member: its own
// membership op, authored by the admin who made the invitation. Newcomers are still invited by the founder (only
// the founder numbers slots, team.ts); they then pair with the hub as members, link only.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { AppError } from '../../../contract';
import { refuse, BundleReader, type BundleHeader } from '../bundle-format';
import type { OpRecord } from '../capture';
import { fingerprintOf } from '../net/links';
import { parseInvitation, type Invitation } from '../teamInvitation';
import { newDeviceId, newDeviceKeyPair } from '../teamKeys';
import { pgApplyOps } from './pgApply';
import { inPgTransaction } from './pgHubDb';
import { pgRecordHubOp } from './pgHubIdentity';
import type { InitHubResult } from './pgHubSetup';
import { laptopSchemaVersion } from './pgHubStore';
import { pgRun } from './pgSql';

export interface AdoptInput {
  inviteFile: string;
  bundleFile: string;
  deviceName: string;
  now?: () => Date;
}

/** Every check before anything is written: the invitation, and the bundle as the founder's full, signed log. */
async function verifyBundle(file: string, invitation: Invitation): Promise<BundleHeader> {
  const reader = await BundleReader.open(file);
  try {
    const { header } = reader;
    if (header.teamId !== invitation.team.id) throw refuse('foreign_team', 'the bundle belongs to another team than the invitation');
    if (header.schemaVersion > laptopSchemaVersion()) throw refuse('newer_schema', 'the bundle was made by a newer version of Emerald; update the hub first');
    if (header.kind !== 'ops' || Object.keys(header.receiverVector).length > 0) {
      throw new AppError('VALIDATION', 'adopting needs the whole op log: on the founder run "sync export --full" (not a snapshot, not a bundle for one member)', { reason: 'not_full_bundle' });
    }
    if (header.fromDevice !== invitation.inviter.deviceId || header.senderPublicKey !== invitation.inviter.publicKey) {
      throw new AppError('VALIDATION', 'the bundle must come from the computer that made the invitation (the team\'s founder)', { reason: 'not_from_inviter' });
    }
    for await (const page of reader.pages(Buffer.from(invitation.team.key, 'base64'))) void page;
    reader.verifySignature(invitation.inviter.publicKey);
    return header;
  } finally {
    await reader.close();
  }
}

export async function adoptPgHub(pool: pg.Pool, input: AdoptInput): Promise<Omit<InitHubResult, 'adminUsername'>> {
  const now = input.now ?? (() => new Date());
  const invitation = parseInvitation(readFileSync(input.inviteFile, 'utf8'));
  if (Date.parse(invitation.invitation.expiresAt) <= now().getTime()) {
    throw new AppError('CONFLICT', `this invitation expired at ${invitation.invitation.expiresAt}; make a new one on the founder`, { reason: 'invitation_expired' });
  }
  if (invitation.schemaVersion > laptopSchemaVersion()) throw new AppError('CONFLICT', 'the team uses a newer version of Emerald; update the hub first', { reason: 'newer_schema' });
  await verifyBundle(input.bundleFile, invitation);
  const deviceId = newDeviceId();
  const keys = newDeviceKeyPair();
  await inPgTransaction(pool, async (client) => {
    const [team] = await pgRun<{ team_name: string; team_id: string }>(client, 'SELECT team_name, team_id FROM hub_identity WHERE id = 1');
    if (team) throw new AppError('CONFLICT', `this PostgreSQL database already holds the team "${team.team_name}" (${team.team_id})`, { reason: 'already_in_team' });
    const [op] = await pgRun(client, 'SELECT 1 FROM sync_ops LIMIT 1');
    if (op) throw new AppError('CONFLICT', 'this PostgreSQL database already holds team data; adopt into a database of its own', { reason: 'not_empty' });
    const at = now().toISOString();
    await pgRun(
      client,
      `INSERT INTO hub_identity (id, device_id, device_name, team_id, team_name, team_key, slot, private_key, public_key, created_at, updated_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [deviceId, input.deviceName, invitation.team.id, invitation.team.name, invitation.team.key, invitation.invitation.slot, keys.privateKey, keys.publicKey, at],
    );
    // The second pass applies what the first verified; a file changed in between fails its tags or signature here.
    const reader = await BundleReader.open(input.bundleFile);
    try {
      for await (const page of reader.pages(Buffer.from(invitation.team.key, 'base64'))) {
        if (page.type === 'ops') await pgApplyOps(client, page.ops as OpRecord[], now().getTime());
      }
      reader.verifySignature(invitation.inviter.publicKey);
    } finally {
      await reader.close();
    }
    const [used] = await pgRun(client, 'SELECT 1 FROM team_members WHERE invitation_id = $1', [invitation.invitation.id]);
    if (used) throw new AppError('CONFLICT', 'this invitation has already been used; make a new one on the founder', { reason: 'invitation_used' });
    // The hub's membership, as joinTeam writes a laptop's: authored by the admin who made the invitation.
    await pgRecordHubOp(
      client,
      {
        entity: 'team_members',
        rowId: deviceId,
        kind: 'insert',
        fields: { slot: invitation.invitation.slot, name: input.deviceName, public_key: keys.publicKey, invitation_id: invitation.invitation.id, revoked_at: null, revoked_by: null, created_at: at, updated_at: at },
        authorId: invitation.inviter.userId,
      },
      now().getTime(),
    );
  });
  return { teamId: invitation.team.id, teamName: invitation.team.name, deviceId, fingerprint: fingerprintOf(keys.publicKey) };
}
