// What a newcomer loads after pairing with the central hub: an ordinary ops bundle of the hub's WHOLE op log, signed
// by the hub device. A hub made by `init` founded the team, so its log is complete from the team's first op: the
// newcomer replays it through its own merge (exactly what it would have received op by op), and no second
// snapshot writer over PostgreSQL's tables has to match the laptop's snapshot format field for field. The bundle
// carries the hub's own team_members insert, which a copy that just joined trusts (bundle-keys.ts `introduces`).
import type pg from 'pg';
import { BundleWriter, FRAME_PAGE_SIZE, type BundleHeader } from '../bundle-format';
import { inPgTransaction } from './pgHubDb';
import { readHubIdentity } from './pgHubIdentity';
import { pgOpsMissingFrom, pgReadVector } from './pgOpLog';
import { pgRun } from './pgSql';

export async function writePgNewcomerBundle(pool: pg.Pool, file: string, now: Date, schemaVersion: number): Promise<{ bytes: number }> {
  // One consistent moment of the log, however many pushes land meanwhile.
  return inPgTransaction(
    pool,
    async (client) => {
      const hub = await readHubIdentity(client);
      const [floor] = await pgRun<{ n: number }>(client, 'SELECT count(*)::integer AS n FROM sync_vector_floor');
      if ((floor?.n ?? 0) > 0) {
        // A hub adopted from a snapshot lacks the ops before it; a replay would be incomplete.
        throw new Error('this hub started from a snapshot: newcomers need a snapshot bundle, which the PostgreSQL hub does not write yet');
      }
      const [counts] = await pgRun<{ ops: number; last: string | null }>(client, 'SELECT count(*)::integer AS ops, max(hlc) AS last FROM sync_ops');
      const header: BundleHeader = {
        format: 1,
        teamId: hub.teamId,
        fromDevice: hub.deviceId,
        toDevice: null,
        kind: 'ops',
        createdAt: now.toISOString(),
        schemaVersion,
        senderVector: await pgReadVector(client),
        receiverVector: {},
        opCount: counts?.ops ?? 0,
        rowCount: 0,
        senderPublicKey: hub.publicKey,
        senderLastHlc: counts?.last ?? '',
      };
      const writer = await BundleWriter.create(file, header, Buffer.from(hub.teamKey, 'base64'));
      try {
        for await (const ops of pgOpsMissingFrom(client, {}, FRAME_PAGE_SIZE)) await writer.writeFrame({ type: 'ops', ops });
        const written = await writer.finish(hub.privateKey);
        return { bytes: written.bytes };
      } catch (error) {
        await writer.abort();
        throw error;
      }
    },
    'repeatable read',
    true,
  );
}
