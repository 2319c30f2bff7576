// The central hub's store: the team's shared copy in PostgreSQL. Pooled connections; push pages that meet at the hub go in
// one transaction through the PostgreSQL applier (pgPushBatches.ts; its advisory lock: two hub processes never apply at
// once); each pull page is read in one snapshot. Members cannot tell it from a LAN hub: same protocol, same refusals.
import type pg from 'pg';
import { defaultMigrationsFolder, schemaVersionOf } from '../../../../db/migrations';
import type { DomainEvent } from '../../../contract';
import { cancelledInvitationMessage, ownMembershipInsert } from '../bundle-keys';
import type { OpRecord } from '../capture';
import type { HubStore } from '../net/hubStore';
import { WireError } from '../net/httpBody';
import { OPS_PAGE_SIZE, type Vector } from '../net/protocol';
import { pgApplyOps, type OpFate } from './pgApply';
import { inPgTransaction, onPgConnection, urlOfPool } from './pgHubDb';
import { pgHubFiles } from './pgHubFiles';
import { pgHello, readHubIdentity } from './pgHubIdentity';
import { PgHubKeys } from './pgHubKeys';
import { HubNoticeListener, notifyHubs } from './pgHubNotices';
import { pgHandlePair } from './pgHubPairing';
import { writePgNewcomerBundle } from './pgNewcomerBundle';
import { pgOpsMissingFrom, pgReadVector } from './pgOpLog';
import { PushBatches } from './pgPushBatches';
import { pgRun, type PgClient } from './pgSql';

export interface PgHubStoreOptions {
  pool: pg.Pool;
  /** For the LISTEN connection (other hub processes' commits); default: the pool's own connection string. */
  url?: string;
  /** The hub's clock (tests move it by hand). */
  now?: () => Date;
  /** Where the newcomer's bundle is written before it is sent. */
  scratchDir?: string;
}

let laptopSchema: number | undefined;
/** The laptops' schema version of this build: what the hub's own ops and invitations say they speak. */
export function laptopSchemaVersion(): number {
  laptopSchema ??= schemaVersionOf(defaultMigrationsFolder());
  return laptopSchema;
}

/**
 * A device the hub does not know yet introduces itself (its page holds its membership) with an invitation an admin
 * cancelled: the page is refused whole, before it joins a batch (as the LAN hub's store refuses it).
 */
async function refuseCancelledIntroduction(client: PgClient, fromDevice: string, membership: Record<string, unknown>): Promise<void> {
  const invitationId = typeof membership.invitation_id === 'string' ? membership.invitation_id : null;
  const [row] = await pgRun<{ known: boolean; cancelled_at: string | null }>(
    client,
    `SELECT EXISTS (SELECT 1 FROM team_members WHERE device_id = $1) AS known,
            (SELECT min(created_at) FROM team_invitation_cancellations WHERE invitation_id = $2) AS cancelled_at`,
    [fromDevice, invitationId],
  );
  if (row && !row.known && row.cancelled_at !== null) {
    throw new WireError(403, 'invitation_cancelled', cancelledInvitationMessage(fromDevice, membership, row.cancelled_at));
  }
}

export interface PgHubStore extends HubStore {
  /** Reloads the key cache now (after a code was made by this process). */
  refreshKeys(): Promise<void>;
}

/** Opens the store on a migrated database with a team (see pgHubSetup.ts); the caller owns and ends the pool. */
export async function openPgHubStore(options: PgHubStoreOptions): Promise<PgHubStore> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  const keys = new PgHubKeys(pool, now);
  const first = await inPgTransaction(pool, (client) => readHubIdentity(client), 'read committed', true);
  await keys.start();
  const watchers = new Set<(change: { team: boolean }) => void>();
  const url = options.url ?? urlOfPool(pool);
  // Another hub process committed ops (maybe a revocation) or made a code or a link: act now, not at the next look.
  const notices = url
    ? new HubNoticeListener(url, (notice) => {
        if (notice === 'keys') void keys.reload().catch(() => undefined);
        else for (const watcher of watchers) watcher({ team: true });
      })
    : null;
  await notices?.start();
  const teamId = first.teamId;
  const readOnly = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(pool, work, 'repeatable read', true);
  /** A member in step (its last pull, or its long poll's vector): its vector and the moment, one statement. */
  const noteInStep = async (deviceId: string, vector: Vector): Promise<void> => {
    await onPgConnection(pool, (client) =>
      pgRun(client, 'UPDATE sync_links SET last_sync_at = $1, last_vector = $2 WHERE peer_device_id = $3', [now().toISOString(), JSON.stringify(vector), deviceId]),
    );
  };
  // Each batch of pushes: applied and committed together, answered with the vector after the commit.
  const pushes = new PushBatches(async (ops: OpRecord[]) => {
    const nowMs = now().getTime();
    const fates = new Map<string, OpFate>();
    return inPgTransaction(pool, async (client) => {
      const outcome = await pgApplyOps(client, ops, nowMs, { fates });
      if (outcome.applied + outcome.setAside.length > 0) await notifyHubs(client, 'ops');
      return { outcome, fates, common: await pgReadVector(client) };
    });
  });

  return {
    scratchDir: options.scratchDir,
    refreshKeys: () => keys.reload(),

    async identity() {
      const hub = await readOnly((client) => readHubIdentity(client));
      return { deviceId: hub.deviceId, name: hub.deviceName, teamId: hub.teamId, publicKey: hub.publicKey, fingerprint: hub.fingerprint };
    },

    linkKey: (deviceId) => keys.linkKey(deviceId),
    pairingKey: (identity, nowIso) => keys.pairingKey(identity, nowIso),

    // One statement each (no BEGIN/COMMIT round trips): these run on every request.
    async checkStanding(deviceId) {
      const [row] = await onPgConnection(pool, (client) =>
        pgRun<{ linked: boolean; revoked_at: string | null }>(
          client,
          'SELECT EXISTS (SELECT 1 FROM sync_links WHERE peer_device_id = $1) AS linked, (SELECT revoked_at FROM team_members WHERE device_id = $1) AS revoked_at',
          [deviceId],
        ),
      );
      if (!row?.linked) throw new WireError(403, 'unlinked', 'this device is not linked with the hub any more; pair again');
      if (row.revoked_at) throw new WireError(403, 'revoked', `this device was removed from the team on ${row.revoked_at}`);
    },

    async revokedAmong(deviceIds) {
      const rows = await onPgConnection(pool, (client) =>
        pgRun<{ device_id: string }>(client, 'SELECT device_id FROM team_members WHERE device_id = ANY($1::text[]) AND revoked_at IS NOT NULL', [[...deviceIds]]),
      );
      return rows.map((row) => row.device_id);
    },

    // No transaction: the identity does not move under a member, and the vector only grows.
    hello: () => onPgConnection(pool, (client) => pgHello(client)),

    async push(ops: OpRecord[], fromDevice: string) {
      const membership = ownMembershipInsert(ops, fromDevice);
      if (membership) await onPgConnection(pool, (client) => refuseCancelledIntroduction(client, fromDevice, membership));
      const { share, outcome, common, first } = await pushes.push(ops);
      // Nobody watches the hub's rows; only team changes matter here (revoked devices lose their sockets), told once a batch.
      const events: DomainEvent[] = first && outcome.touched.some((row) => row.entity === 'team_members') ? [{ entity: 'team', id: teamId, kind: 'updated' }] : [];
      return { answer: { ...share, vector: common }, events };
    },

    async pull(deviceId: string, vector: Vector) {
      const page = await readOnly(async (client) => {
        // The page and the vector it is answered with come from one snapshot.
        const hubVector = await pgReadVector(client);
        const pages = pgOpsMissingFrom(client, vector, OPS_PAGE_SIZE, hubVector);
        const first = await pages.next();
        await pages.return(undefined);
        const found = first.done ? [] : first.value;
        return { ops: found, more: found.length >= OPS_PAGE_SIZE, hubVector };
      });
      // The member is in step with what the hub had: remember its vector and the moment.
      if (!page.more) await noteInStep(deviceId, vector);
      return page;
    },

    noteHeld: noteInStep,

    writeNewcomerBundle: (file) => writePgNewcomerBundle(pool, file, now(), laptopSchemaVersion()),

    async pair(identity, request) {
      const result = await inPgTransaction(pool, async (client) => {
        const paired = await pgHandlePair(client, identity, request, now(), laptopSchemaVersion());
        await notifyHubs(client, 'keys');
        if (paired.response.invitation) await notifyHubs(client, 'ops');
        return paired;
      });
      keys.paired(identity, request.deviceId, result.linkKey);
      return result.response;
    },

    // The long polls' look: the vector only grows, so its two statements need no common snapshot.
    vector: () => onPgConnection(pool, (client) => pgReadVector(client)),

    // Another hub process's commits arrive as notices (and, should one be lost, at the long polls' next look).
    watch(listener) {
      watchers.add(listener);
      return () => void watchers.delete(listener);
    },

    ...pgHubFiles(pool, now),

    async close() {
      keys.stop();
      await notices?.close();
    },
  };
}
