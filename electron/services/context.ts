// What every service receives: the database, who is acting, the time, and the event bus.
import type Database from 'better-sqlite3';
import type { AppDb } from '../../db/open';
import { AppError, type DomainEvent } from '../contract';
import { hasPermission } from '../contract/access';
import type { Permission } from '../../shared/enums';
import type { EventBus } from './events';
import type { JobWorker } from './jobs';
import type { JobRegistry } from './jobRegistry';
import { recordCapturedOps } from './sync';
import { writeTurnsOf } from './writeTurns';

export interface Actor {
  id: string;
  username: string;
  fullName: string;
  isSuperuser: boolean;
  permissions: ReadonlySet<string>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServiceContext {
  db: AppDb;
  sqlite: Database.Database;
  actor: Actor | null;
  clock: Clock;
  events: EventBus;
  /** The data folder (database, backups); absent when a service runs on a bare connection. */
  dataDir?: string;
  /** The backend's long-running jobs (exports, bundle jobs); absent on a bare connection, which cannot start any. */
  jobs?: JobRegistry;
  /** The backend's job worker thread (PDFs, backups, checks); absent on a bare connection, where such work runs in-process. */
  jobWorker?: JobWorker;
}

export function nowIso(ctx: Pick<ServiceContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'sign in first', { reason: 'no_session' });
  return ctx.actor;
}

export function actorCan(ctx: ServiceContext, permission: Permission): boolean {
  return ctx.actor !== null && hasPermission(ctx.actor, permission);
}

/**
 * Runs `work` in one transaction and publishes its domain events only after the commit,
 * so no window ever refetches a change that was rolled back.
 */
export function inTransaction<T>(ctx: ServiceContext, work: (tx: AppDb, emit: (event: DomainEvent) => void) => T): T {
  const pending: DomainEvent[] = [];
  // The hub's thread, when it shares this file, lets this write go first (writeTurns.ts).
  const leaveTurn = writeTurnsOf(ctx.sqlite)?.enterInteractive();
  let result: T;
  try {
    // IMMEDIATE takes the write lock up front (waiting busy_timeout); a deferred read-then-write fails at once with SQLITE_BUSY when another process writes.
    // The one write path: what the work changed in replicated tables becomes ops of this device before the commit.
    result = ctx.db.transaction(
      (tx) => {
        const value = work(tx as unknown as AppDb, (event) => pending.push(event));
        recordCapturedOps(ctx.sqlite, ctx.actor?.id ?? null, ctx.clock.now().getTime());
        return value;
      },
      { behavior: 'immediate' },
    );
  } finally {
    leaveTurn?.();
  }
  for (const event of pending) ctx.events.emit(event);
  return result;
}
