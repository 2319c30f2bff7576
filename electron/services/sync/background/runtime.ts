// What a running app (browser mode, Electron main) keeps alive for LAN sync: the background scheduler towards its hub,
// and the hub server itself while hub mode is on. Both follow the database: a pairing starts the scheduler, the hub
// switch starts or stops the server, a revocation drops that device's connections at once.
import { AppError, type DomainEvent } from '../../../contract';
import type { HubStateDto, SyncNetStatusDto } from '../../../contract/teamNet';
import type { ServiceContext } from '../../context';
import { prepared } from '../../sql';
import { hubLink } from '../net/links';
import { syncRound } from '../net/syncRound';
import { waitForHubChange } from '../net/hubWait';
import { startHub, type Hub } from '../net/hubServer';
import { startHubThread } from '../net/hubThread';
import { formatListen, HUB_SETTING_KEY, readHubSetting } from './hubSetting';
import { hubStateOf } from './hubState';
import { unsentOwnOps } from '../teamStatus';
import { classifyRoundError, readAckedSeq, writeAckedSeq } from './roundInfo';
import { registerNetRuntime } from './registry';
import { SyncScheduler, type SchedulerOptions } from './scheduler';

export type NetServices = Omit<ServiceContext, 'actor'>;

/**
 * Published when the background state or the hub changes, so footers and the Equipo screen refetch. One event for
 * both: whether this copy serves as hub is part of sync.status (servingHub), which the sidebar refetches on this event
 * only (a hub switched on under another name left the sidebar's line as it was until a reload).
 */
export const SYNC_STATUS_EVENT: DomainEvent = { entity: 'team', id: 'syncStatus', kind: 'updated' };
const CONNECTIONS_EVENT_MS = 1_000;

export interface NetRuntimeOptions {
  log?: (message: string, error?: unknown) => void;
  /** Announce the hub by mDNS (default true; tests turn it off). */
  mdns?: boolean;
  /** Scheduler timings (tests and the bench shorten them). */
  timings?: Pick<SchedulerOptions, 'debounceMs' | 'intervalMs' | 'backoffStartMs' | 'backoffCapMs'>;
  /**
   * Hub mode in a thread of its own with its own connection (the app: its window's calls never wait behind the
   * members' pages). That thread keeps the system clock: tests that move this copy's clock keep the hub here.
   */
  hubThread?: boolean;
}

export interface NetRuntime {
  status(): SyncNetStatusDto;
  syncNow(): Promise<SyncNetStatusDto>;
  /** After a pairing or an unlink: start or stop background sync to match the links. */
  linksChanged(): void;
  hubState(): HubStateDto;
  /** Makes the hub follow the saved switch now; resolves once it has. */
  applyHubSetting(): Promise<HubStateDto>;
  close(): Promise<void>;
}

export function startNetRuntime(services: NetServices, options: NetRuntimeOptions = {}): NetRuntime {
  const { sqlite, events } = services;
  const log = options.log ?? (() => {});
  const nextSeq = () => (prepared(sqlite, 'SELECT next_seq FROM sync_local WHERE id = 1').get() as { next_seq: number } | undefined)?.next_seq ?? 1;
  let closed = false;
  // Own ops through this seq are known to be on the hub: after an in-step round it holds all we had when it began.
  const ackedSeq = () => {
    const link = hubLink(sqlite);
    return link ? readAckedSeq(sqlite, link.peerDeviceId) : null;
  };

  const scheduler = new SyncScheduler({
    round: async () => {
      const throughSeq = nextSeq() - 1;
      const link = hubLink(sqlite);
      const outcome = await syncRound(services);
      if (outcome.inStep && link && throughSeq > (ackedSeq() ?? 0)) writeAckedSeq(sqlite, link.peerDeviceId, throughSeq, services.clock.now().toISOString());
      // Photos past one round's share still to move: not idle yet, the next round goes at once.
      return outcome.filesLeft ? { ...outcome, inStep: false } : outcome;
    },
    // The same count as team status: own ops beyond what the hub's vector (noted after every round) holds.
    pending: () => unsentOwnOps(sqlite),
    now: () => services.clock.now().getTime(),
    classify: classifyRoundError,
    // In step and idle: a long poll on the hub, so another member's change arrives at once, not at the next interval.
    waitForRemote: (signal) => waitForHubChange(services, undefined, { signal }),
    onStatus: () => events.emit(SYNC_STATUS_EVENT),
    ...options.timings,
  });

  const linksChanged = () => {
    if (closed) return;
    const linked = hubLink(sqlite) !== null;
    if (linked && !scheduler.running) scheduler.start();
    else if (!linked && scheduler.running) void scheduler.stop();
  };

  // Hub mode follows the saved switch; serialized so two quick toggles never start two servers.
  let hub: Hub | null = null;
  // The hub thread's events, published here as committed elsewhere: its own commits, not news for it.
  const relay = (applied: DomainEvent[]) => {
    for (const event of applied) events.emit(event, { committedElsewhere: true });
  };
  let hubError: string | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  // The Equipo screen's "N ordenadores conectados" follows the members' connections, announced a second at most after
  // the first change (thirty laptops opening and closing theirs each round would otherwise be dozens of events).
  let connectionsTimer: NodeJS.Timeout | null = null;
  const connectionsChanged = () => {
    connectionsTimer ??= setTimeout(() => {
      connectionsTimer = null;
      if (!closed) events.emit(SYNC_STATUS_EVENT);
    }, CONNECTIONS_EVENT_MS);
  };
  const applyHub = async () => {
    // Once closed, the database may already be closed too (the app quits without waiting): stop without reading it.
    const setting = closed ? null : readHubSetting(sqlite);
    const target = setting?.enabled ? { host: setting.host, port: setting.port } : null;
    if (hub && target && hub.host === target.host && (target.port === 0 || hub.port === target.port)) return;
    if (!target && !hub && hubError === null) return;
    if (hub) {
      const stopping = hub;
      hub = null;
      await stopping.close();
      log(`hub: stopped (${stopping.url})`);
    }
    hubError = null;
    if (target) {
      try {
        const mdns = options.mdns ?? true;
        hub =
          options.hubThread && services.dataDir && !sqlite.memory
            ? await startHubThread(
                { databaseFile: sqlite.name, dataDir: services.dataDir, listen: target, mdns },
                { engineConnection: sqlite, onApplied: relay, log: (line) => log(line), onEnded: threadEnded, onConnectedDevices: connectionsChanged },
              )
            : await startHub({ services, listen: target, mdns, log: (line) => log(line), onConnectedDevices: connectionsChanged });
        if (closed) {
          await hub.close();
          hub = null;
          return;
        }
        // startHub logs "hub: listening on …" itself; only the fingerprint is new here.
        log(`hub: fingerprint ${hub.fingerprint}`);
      } catch (error) {
        hubError = classifyRoundError(error).reason;
        log(`hub: cannot listen on ${formatListen(target)}`, error);
      }
    }
    if (!closed) events.emit(SYNC_STATUS_EVENT);
  };
  const scheduleHub = () => (chain = chain.then(applyHub, applyHub));
  // The hub's thread died under it: not serving any more, and the Equipo screen says why.
  const threadEnded = (error: Error) => {
    hub = null;
    hubError = classifyRoundError(error).reason;
    if (!closed) events.emit(SYNC_STATUS_EVENT);
  };

  let seenSeq = nextSeq();
  const off = events.on((event, origin) => {
    if (closed || (event.entity === 'team' && event.id === SYNC_STATUS_EVENT.id) || event.kind === 'progress') return;
    // A commit of this connection: the hub's thread wakes the members waiting for news and, on a team change, cuts off
    // any device now revoked (its own commits are relayed here; a hub on this thread hears this bus itself).
    if (options.hubThread && !origin.committedElsewhere) hub?.noteChange(event.entity === 'team');
    if (event.entity === 'settings' && event.id === HUB_SETTING_KEY) return void scheduleHub();
    if (event.entity === 'team') {
      // A team created or joined after the switch was turned on: the hub can start now.
      if (hubError !== null) void scheduleHub();
      linksChanged();
    }
    // Only this copy's own new ops are "local changes"; rows arriving from the hub emit events too, but make no ops.
    const seq = nextSeq();
    if (seq !== seenSeq) {
      seenSeq = seq;
      scheduler.noteLocalChange();
    }
  });

  const runtime: NetRuntime = {
    status() {
      const link = hubLink(sqlite);
      return {
        ...scheduler.status(),
        hub: link?.url ? { name: link.peerName, url: link.url, fingerprint: link.fingerprint } : null,
        servingHub: hub !== null,
      };
    },
    async syncNow() {
      if (!hubLink(sqlite)) {
        throw new AppError('CONFLICT', 'this copy is paired with no hub', { reason: 'no_link' });
      }
      if (!scheduler.running) scheduler.start();
      await scheduler.syncNow();
      return runtime.status();
    },
    linksChanged,
    hubState() {
      return hubStateOf(sqlite, services.clock.now().toISOString(), hub, hubError);
    },
    async applyHubSetting() {
      await scheduleHub();
      return runtime.hubState();
    },
    async close() {
      closed = true;
      if (connectionsTimer) clearTimeout(connectionsTimer);
      off();
      registerNetRuntime(sqlite, null);
      await scheduler.stop();
      await scheduleHub();
    },
  };
  registerNetRuntime(sqlite, runtime);
  linksChanged();
  void scheduleHub();
  return runtime;
}
