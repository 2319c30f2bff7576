// The LAN hub's store: a member's own SQLite copy. Sync work runs a turn of the event loop at a time (HubLane), so the
// member's own windows stay responsive while thirty laptops sync; the writes of a turn share one transaction, each push
// page in a savepoint of its own.
import { AppError } from '../../../contract';
import { syncCommittedAsync } from '../../../../db/durable';
import { prepared } from '../../sql';
import { opsMissingFrom, readVector } from '../apply';
import { applyOpsPage, emptyTally } from '../bundle-apply';
import { TouchedCollector } from '../bundle-events';
import { exportBundle } from '../bundle-export';
import { cancelledInvitationMessage, invitationCancelledAt, ownMembershipInsert, revokedAtOf, teamCredentials } from '../bundle-keys';
import { notePeerVector, peerVectors } from '../bundle-peers';
import type { OpRecord } from '../capture';
import { sqliteHubFiles } from './attachmentFiles';
import { handlePair, type HubServices } from './hubPairing';
import { HubLane } from './hubLane';
import type { HubStore } from './hubStore';
import { WireError } from './httpBody';
import { linkKeyOf, noteLinkSynced, ownFingerprint } from './links';
import { livePairingKey } from './pairingCodes';
import { OPS_PAGE_SIZE, type Vector } from './protocol';

/** A device this copy does not know yet introduces itself in its push with an invitation an admin cancelled: refused whole. */
function refuseCancelledIntroduction(sqlite: HubServices['sqlite'], ops: readonly OpRecord[], fromDevice: string): void {
  const membership = ownMembershipInsert(ops, fromDevice);
  if (!membership || prepared(sqlite, 'SELECT 1 FROM team_members WHERE device_id = ?').get(fromDevice)) return;
  const cancelledAt = invitationCancelledAt(sqlite, membership.invitation_id);
  if (cancelledAt !== null) throw new WireError(403, 'invitation_cancelled', cancelledInvitationMessage(fromDevice, membership, cancelledAt));
}

export function sqliteHubStore(services: HubServices): HubStore {
  const { sqlite, clock } = services;
  const lane = new HubLane(sqlite);
  /** A member in step (its last pull, or its long poll's vector): its vector and the moment, in the lane's transaction. */
  const noteInStep = (deviceId: string, vector: Vector) => {
    const at = clock.now().toISOString();
    notePeerVector(sqlite, deviceId, vector, at);
    noteLinkSynced(sqlite, deviceId, at);
  };
  return {
    scratchDir: services.dataDir,

    async identity() {
      const team = teamCredentials(sqlite);
      if (revokedAtOf(services.sqlite, team.deviceId)) throw new AppError('FORBIDDEN', 'this device was revoked from the team; it cannot serve as hub', { reason: 'device_revoked' });
      const self = prepared(sqlite, 'SELECT device_name FROM sync_local WHERE id = 1').get() as { device_name: string };
      return { deviceId: team.deviceId, name: self.device_name, teamId: team.teamId, publicKey: team.publicKey, fingerprint: ownFingerprint(sqlite) };
    },

    linkKey: (deviceId) => linkKeyOf(sqlite, deviceId),
    pairingKey: (identity, nowIso) => livePairingKey(sqlite, identity, nowIso),

    async checkStanding(deviceId) {
      const link = prepared(sqlite, 'SELECT 1 FROM sync_links WHERE peer_device_id = ?').get(deviceId);
      if (!link) throw new WireError(403, 'unlinked', 'this device is not linked with the hub any more; pair again');
      const revoked = revokedAtOf(services.sqlite, deviceId);
      if (revoked) throw new WireError(403, 'revoked', `this device was removed from the team on ${revoked}`);
    },

    async revokedAmong(deviceIds) {
      return deviceIds.filter((deviceId) => revokedAtOf(services.sqlite, deviceId) !== null);
    },

    hello: () =>
      lane.run(() => {
        const self = prepared(sqlite, 'SELECT device_id, device_name FROM sync_local WHERE id = 1').get() as { device_id: string; device_name: string };
        return { deviceId: self.device_id, name: self.device_name, vector: readVector(sqlite) };
      }),

    async push(ops: OpRecord[], fromDevice: string) {
      const result = await lane.write(() => {
        refuseCancelledIntroduction(sqlite, ops, fromDevice);
        const tally = emptyTally();
        const collector = new TouchedCollector();
        applyOpsPage(sqlite, ops, clock.now().getTime(), tally, collector);
        return {
          answer: { applied: tally.applied, duplicates: tally.duplicates, gaps: tally.gaps, setAside: tally.setAside.length, vector: readVector(sqlite) },
          events: collector.events(sqlite),
        };
      });
      // Committed: the member hub's own windows refresh on these (and the server's watch sees them).
      for (const event of result.events) services.events.emit(event);
      // The answer acknowledges the page: the member counts it as delivered, so it must outlive a power cut here. The
      // fsync of the log runs off the engine thread and is shared by the pushes and pulls that meet (one, not thirty).
      await syncCommittedAsync(sqlite);
      return result;
    },

    async pull(deviceId: string, vector: Vector) {
      const page = await lane.write(() => {
        const first = opsMissingFrom(sqlite, vector, OPS_PAGE_SIZE).next();
        const ops = first.done ? [] : first.value;
        const more = ops.length >= OPS_PAGE_SIZE;
        // The member is in step with what the hub had: remember its vector and the moment.
        if (!more) noteInStep(deviceId, vector);
        return { ops, more, hubVector: readVector(sqlite) };
      });
      // Ops handed out (the hub's own among them) must never be rolled back here and their numbers reused. Off the
      // engine thread, and shared by the members pulling at the same time.
      if (page.ops.length > 0) await syncCommittedAsync(sqlite);
      return page;
    },

    async noteHeld(deviceId, vector) {
      const confirmedOwn = await lane.write(() => {
        const self = (prepared(sqlite, 'SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string }).device_id;
        const before = peerVectors(sqlite)[deviceId]?.[self] ?? 0;
        noteInStep(deviceId, vector);
        return (vector[self] ?? 0) > before;
      });
      // The hub's own changes now confirmed by a member: its footer and Equipo figures say so at once.
      if (confirmedOwn) services.events.emit({ entity: 'team', id: 'syncStatus', kind: 'updated' });
    },

    /** A snapshot bundle of the hub's state (as `sync export --snapshot`). */
    async writeNewcomerBundle(file) {
      const summary = await exportBundle(services, { out: file, snapshot: true });
      return { bytes: summary.bytes };
    },

    async pair(identity, request) {
      return handlePair(services, identity, request);
    },

    async vector() {
      return readVector(sqlite);
    },

    watch(listener) {
      return services.events.on((event) => listener({ team: event.entity === 'team' }));
    },

    ...sqliteHubFiles(services),

    async close() {},
  };
}
