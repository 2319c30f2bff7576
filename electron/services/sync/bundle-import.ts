// Import: verify the whole bundle first (nothing changes if any check fails), then apply it page by page in ONE
// transaction on a second connection, yielding between pages so progress flows and a cancel rolls everything back.
// A crash mid-import leaves the file as it was (the transaction never committed); the next import completes it.
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { AppError, type DomainEvent } from '../../contract';
import type { Clock } from '../context';
import { systemClock } from '../context';
import type { EventBus } from '../events';
import { prepared } from '../sql';
import { withCaptureOff, type SetAsideReason } from './apply';
import { applyOpsPage, noteExchange } from './bundle-apply';
import { withBulkApply } from './bulkApply';
import { refreshAllTicketSla } from '../sla';
import { schemaVersionOf } from './capture';
import type { TouchedRow } from './conflicts';
import { databaseFileOf, openSecondConnection } from './bundle-connection';
import { TouchedCollector } from './bundle-events';
import { IncomingFiles } from './bundle-files';
import { BundleReader, cancelled, refuse, type BundleHeader, type FramePage } from './bundle-format';
import { pageSize } from './bundle-pages';
import {
  cancelledInvitationMessage,
  introduces,
  invitationCancelledAt,
  invitationHolder,
  isFirstContact,
  ownMembershipInsert,
  senderStanding,
  teamCredentials,
  type TeamCredentials,
} from './bundle-keys';
import { assertFreshCopy, finishSnapshot, loadSnapshotPage, ownRows } from './bundle-snapshot';

export type ImportPhase = 'verify' | 'apply';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOptions {
  file: string;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportSummary {
  kind: 'ops' | 'snapshot';
  fromDevice: string;
  /** Ops applied (for a snapshot: rows loaded). */
  applied: number;
  /** Ops this copy already had. */
  duplicates: number;
  /** Ops skipped because an earlier op of their device is missing here: ask that device for a fuller bundle. */
  gaps: number;
  setAside: { deviceId: string; seq: number; reason: SetAsideReason }[];
  /** Conflicts waiting for a person on this copy after the import. */
  conflictsOpen: number;
}

interface ImportContext {
  sqlite: Database.Database;
  clock?: Clock;
  events?: Pick<EventBus, 'emit'>;
}

interface Verified {
  header: BundleHeader;
  digest: Buffer;
  publicKey: string;
}

function checkHeader(sqlite: Database.Database, team: TeamCredentials, header: BundleHeader): void {
  if (header.teamId !== team.teamId) throw refuse('foreign_team', 'this bundle belongs to another team; only bundles of this copy\'s team can be imported');
  const ours = schemaVersionOf(sqlite);
  if (header.schemaVersion > ours) {
    throw refuse('newer_schema', `the bundle was made by a newer version of Emerald (schema ${header.schemaVersion}, this copy has ${ours}); update Emerald first`);
  }
  if (header.fromDevice === team.deviceId) throw refuse('own_bundle', 'this bundle was made on this very copy; import it on another member');
  if (header.kind === 'snapshot') assertFreshCopy(sqlite);
}

/** The sender's own team_members row when this page carries it (its insert op, or a snapshot's row). */
function senderMembership(header: BundleHeader, page: FramePage): Record<string, unknown> | null {
  if (page.type === 'ops') return ownMembershipInsert(page.ops, header.fromDevice);
  if (page.type !== 'rows' || page.table !== 'team_members') return null;
  const rows = page.rows.map((row) => Object.fromEntries(page.columns.map((column, at) => [column, row[at]])));
  return rows.find((values) => values.device_id === header.fromDevice) ?? null;
}

const itemCount = (header: BundleHeader) => header.opCount + header.rowCount;

/** First pass: every check, on the app's connection, read-only. Refusals are VALIDATION errors with their reason. */
async function verify(sqlite: Database.Database, team: TeamCredentials, options: ImportOptions): Promise<Verified> {
  const reader = await BundleReader.open(options.file);
  try {
    const header = reader.header;
    checkHeader(sqlite, team, header);
    const standing = senderStanding(sqlite, header);
    const firstContact = isFirstContact(sqlite, team.deviceId);
    let introduced = false;
    /** Another member that joined with the sender's invitation: the sender is a second computer on one invitation. */
    let holder: string | null = null;
    /** The sender's membership when it names an invitation an admin cancelled, and when that was. */
    let cancelledJoin: { membership: Record<string, unknown>; at: string } | null = null;
    for await (const page of reader.pages(team.teamKey)) {
      if (options.signal?.aborted) throw cancelled('import');
      const membership = !standing.known && !introduced ? senderMembership(header, page) : null;
      if (membership) {
        introduced = introduces(sqlite, header, membership, firstContact);
        holder ??= introduced ? null : invitationHolder(sqlite, header, membership);
        const at = introduced ? null : invitationCancelledAt(sqlite, membership.invitation_id);
        if (at !== null) cancelledJoin ??= { membership, at };
      }
      options.onProgress?.({ phase: 'verify', done: reader.seen.ops + reader.seen.rows, total: itemCount(header) });
    }
    if (!standing.known && !introduced && cancelledJoin !== null) {
      throw refuse('invitation_cancelled', cancelledInvitationMessage(header.fromDevice, cancelledJoin.membership, cancelledJoin.at));
    }
    if (!standing.known && !introduced && holder !== null) {
      throw refuse(
        'invitation_taken',
        `the device that made this bundle (${header.fromDevice}) joined with an invitation that "${holder}" had already used; an invitation is for one computer: make a new invitation for this one and join with it`,
        { member: holder },
      );
    }
    if (!standing.known && !introduced) {
      throw refuse('unknown_member', `the device that made this bundle (${header.fromDevice}) is not a member of this team as far as this copy knows; import a bundle from the member who invited it first`);
    }
    const publicKey = standing.known ? standing.publicKey : header.senderPublicKey;
    reader.verifySignature(publicKey);
    return { header, digest: reader.digest as Buffer, publicKey };
  } finally {
    await reader.close();
  }
}

interface Applied {
  summary: ImportSummary;
  collector: TouchedCollector;
}

function openConflicts(sqlite: Database.Database): number {
  return (
    prepared(sqlite, 'SELECT count(*) AS n FROM sync_conflicts c WHERE NOT EXISTS (SELECT 1 FROM conflict_resolutions r WHERE r.conflict_id = c.id)').get() as {
      n: number;
    }
  ).n;
}

/** Second pass: the same frames again (checked again), applied inside one transaction on `conn`. */
async function applyAll(conn: Database.Database, team: TeamCredentials, verified: Verified, options: ImportOptions, clock: Clock): Promise<Applied> {
  const { header } = verified;
  const summary: ImportSummary = { kind: header.kind, fromDevice: header.fromDevice, applied: 0, duplicates: 0, gaps: 0, setAside: [], conflictsOpen: 0 };
  const collector = new TouchedCollector();
  const reader = await BundleReader.open(options.file);
  const incoming = new IncomingFiles(path.dirname(databaseFileOf(conn)));
  try {
    if (header.kind === 'snapshot') assertFreshCopy(conn);
    const ownTouched = header.kind === 'snapshot' ? ownRows(conn) : [];
    for await (const page of reader.pages(team.teamKey)) {
      if (page.type === 'ops') {
        applyOpsPage(conn, page.ops, clock.now().getTime(), summary, collector);
      } else if (page.type === 'file') {
        await incoming.take(page);
      } else {
        const touched: TouchedRow[] = [];
        const load = () => (loadSnapshotPage(conn, page, team.deviceId, touched), { touched });
        // A page of timeline events indexes each ticket's text once, not once per event.
        const timeline = page.type === 'rows' && page.table === 'ticket_timeline';
        withCaptureOff(conn, () => (timeline ? withBulkApply(conn, load) : load()));
        // Every record the snapshot carried (rows, tombstones, seen records, conflicts), as its export counted them.
        summary.applied += pageSize(page).rows;
        collector.add(touched);
      }
      options.onProgress?.({ phase: 'apply', done: reader.seen.ops + reader.seen.rows, total: itemCount(header) });
      // Let progress events, status calls and a cancel in; the transaction stays open across the turn.
      await nextTurn();
      if (options.signal?.aborted) throw cancelled('import');
    }
    // The file must be the one verified (it could have been replaced between the passes).
    if (!reader.digest?.equals(verified.digest)) throw refuse('tampered', 'the bundle changed while it was being imported');
    reader.verifySignature(verified.publicKey);
    if (header.kind === 'snapshot') {
      withCaptureOff(conn, () => finishSnapshot(conn, header.senderVector, header.senderLastHlc, ownTouched));
      // Snapshot rows arrive around applyRemoteOps: the derived SLA table is computed once, over the final rows and targets.
      refreshAllTicketSla(conn);
    }
    noteExchange(conn, header.fromDevice, header.senderVector, clock.now().toISOString());
    summary.conflictsOpen = openConflicts(conn);
    return { summary, collector };
  } finally {
    await incoming.drop();
    await reader.close();
  }
}

/**
 * Imports a bundle into the copy behind `ctx.sqlite`. Refused bundles throw AppError VALIDATION with
 * details.reason (truncated, tampered, malformed, foreign_team, newer_schema, unknown_member, invitation_taken, invitation_cancelled, revoked_member,
 * own_bundle, not_fresh, not_a_bundle, newer_format) and change nothing; a cancel throws CONFLICT 'cancelled'.
 */
export async function importBundle(ctx: ImportContext, options: ImportOptions): Promise<ImportSummary> {
  const team = teamCredentials(ctx.sqlite);
  return oneImportAtATime(databaseFileOf(ctx.sqlite), () => importVerified(ctx, team, options));
}

const importing = new Set<string>();

/** Two imports into one file would wait on each other's write lock: one at a time (the job worker's included). */
export async function oneImportAtATime<T>(file: string, work: () => Promise<T>): Promise<T> {
  if (importing.has(file)) throw new AppError('CONFLICT', 'another bundle is being imported into this copy; wait for it to finish', { reason: 'import_running' });
  importing.add(file);
  try {
    return await work();
  } finally {
    importing.delete(file);
  }
}

/** The import's one write transaction; another program holding the file's write lock past the busy timeout is a clear refusal. */
function beginWrite(conn: Database.Database): void {
  try {
    conn.prepare('BEGIN IMMEDIATE').run();
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new AppError('CONFLICT', 'another program is writing to this copy (the app or the command line); try the import again when it is done', { reason: 'database_busy' });
  }
}

async function importVerified(ctx: ImportContext, team: TeamCredentials, options: ImportOptions): Promise<ImportSummary> {
  const clock = ctx.clock ?? systemClock;
  const verified = await verify(ctx.sqlite, team, options);
  const conn = openSecondConnection(ctx.sqlite);
  let result: Applied;
  try {
    beginWrite(conn);
    try {
      result = await applyAll(conn, team, verified, options, clock);
      conn.prepare('COMMIT').run();
    } catch (error) {
      if (conn.inTransaction) conn.prepare('ROLLBACK').run();
      throw error;
    }
  } finally {
    conn.close();
  }
  const events: DomainEvent[] = result.collector.events(ctx.sqlite);
  for (const event of events) ctx.events?.emit(event);
  return result.summary;
}
