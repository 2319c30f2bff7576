// What the hub answers, per request: pairing on a code's identity; hello, push, pull and snapshot on a link's.
// Each push page is applied in one transaction, so an interrupted transfer loses nothing acknowledged.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, type DomainEvent } from '../../../contract';
import { prepared } from '../../sql';
import { opsMissingFrom, readVector } from '../apply';
import { applyOpsPage, emptyTally } from '../bundle-apply';
import { TouchedCollector } from '../bundle-events';
import { exportBundle } from '../bundle-export';
import { notePeerVector } from '../bundle-peers';
import { handlePair, type HubServices } from './hubPairing';
import { encodeJson, parseJson, readBody, WireError } from './httpBody';
import { noteLinkSynced } from './links';
import type { HubLane } from './hubLane';
import type { HubWaiters } from './hubWaiters';
import { OPS_PAGE_SIZE, pairRequest, PROTOCOL_PATHS, pullRequest, pushRequest, waitRequest } from './protocol';
import { PAIR_IDENTITY_PREFIX } from './tlsPsk';

export interface RouteContext {
  services: HubServices;
  waiters: HubWaiters;
  /** Sync work, one job per event-loop turn (hubLane.ts). */
  lane: HubLane;
  /** After a committed page of remote ops: the domain events of the rows it touched. */
  applied(events: DomainEvent[]): void;
}

const STATUS_OF: Partial<Record<AppError['code'], number>> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  const { body, headers } = encodeJson(value, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')));
  // A refusal ends the connection: nothing more is read from a client that sent something wrong.
  res.writeHead(status, status >= 400 ? { ...headers, connection: 'close' } : headers);
  res.end(body);
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, log: (line: string) => void): void {
  let status = 500;
  let reason = 'internal';
  let code = 'INTERNAL';
  let message = 'the hub failed to answer this request';
  if (error instanceof WireError) {
    status = error.status;
    reason = error.reason;
    code = status === 413 ? 'VALIDATION' : status === 403 ? 'FORBIDDEN' : status >= 500 ? 'INTERNAL' : 'VALIDATION';
    message = error.message;
  } else if (error instanceof AppError) {
    status = STATUS_OF[error.code] ?? 500;
    reason = typeof error.details?.reason === 'string' ? error.details.reason : error.code.toLowerCase();
    code = error.code;
    message = error.message;
  } else {
    log(`hub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (res.headersSent) return void res.destroy();
  sendJson(req, res, status, { error: { code, reason, message } });
}

/** A linked device may sync while its link exists and the team has not revoked it. */
function checkStanding(services: HubServices, deviceId: string): void {
  const link = prepared(services.sqlite, 'SELECT 1 FROM sync_links WHERE peer_device_id = ?').get(deviceId);
  if (!link) throw new WireError(403, 'unlinked', 'this device is not linked with the hub any more; pair again');
  const member = prepared(services.sqlite, 'SELECT revoked_at FROM team_members WHERE device_id = ?').get(deviceId) as { revoked_at: string | null } | undefined;
  if (member?.revoked_at) throw new WireError(403, 'revoked', `this device was removed from the team on ${member.revoked_at}`);
}

function expectMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) throw new WireError(405, 'method_not_allowed', `use ${method} for ${req.url}`);
}

function push(ctx: RouteContext, ops: Parameters<typeof applyOpsPage>[1]) {
  const { sqlite, clock } = ctx.services;
  const tally = emptyTally();
  const collector = new TouchedCollector();
  sqlite.transaction(() => applyOpsPage(sqlite, ops, clock.now().getTime(), tally, collector)).immediate();
  const events = collector.events(sqlite);
  if (events.length > 0) ctx.applied(events);
  ctx.waiters.poke();
  return { applied: tally.applied, duplicates: tally.duplicates, gaps: tally.gaps, setAside: tally.setAside.length, vector: readVector(sqlite) };
}

function pull(ctx: RouteContext, deviceId: string, vector: Record<string, number>) {
  const { sqlite, clock } = ctx.services;
  const first = opsMissingFrom(sqlite, vector, OPS_PAGE_SIZE).next();
  const ops = first.done ? [] : first.value;
  const more = ops.length >= OPS_PAGE_SIZE;
  if (!more) {
    // The member is in step with what the hub had: remember its vector and the moment.
    const at = clock.now().toISOString();
    sqlite.transaction(() => {
      notePeerVector(sqlite, deviceId, vector, at);
      noteLinkSynced(sqlite, deviceId, at);
    }).immediate();
  }
  return { ops, more, hubVector: readVector(sqlite) };
}

/** A snapshot bundle of the hub's state (as `sync export --snapshot`), streamed from a temporary file. */
async function snapshot(ctx: RouteContext, res: ServerResponse): Promise<void> {
  const dir = await mkdtemp(path.join(ctx.services.dataDir ?? tmpdir(), '.hub-snapshot-'));
  try {
    const summary = await exportBundle(ctx.services, { out: path.join(dir, 'snapshot.emsync'), snapshot: true });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': summary.bytes });
    await pipeline(createReadStream(summary.file), res);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hello(ctx: RouteContext) {
  const { sqlite } = ctx.services;
  const self = prepared(sqlite, 'SELECT device_id, device_name FROM sync_local WHERE id = 1').get() as { device_id: string; device_name: string };
  return { deviceId: self.device_id, name: self.device_name, vector: readVector(sqlite) };
}

export async function route(ctx: RouteContext, identity: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = (req.url ?? '').split('?')[0];
  if (identity.startsWith(PAIR_IDENTITY_PREFIX)) {
    if (url !== PROTOCOL_PATHS.pair) throw new WireError(404, 'not_found', 'a pairing connection may only pair');
    expectMethod(req, 'POST');
    const request = parseJson(pairRequest, await readBody(req));
    return sendJson(req, res, 200, handlePair(ctx.services, identity, request));
  }
  checkStanding(ctx.services, identity);
  switch (url) {
    case PROTOCOL_PATHS.hello:
      expectMethod(req, 'POST');
      await readBody(req);
      return sendJson(req, res, 200, await ctx.lane.run(() => hello(ctx)));
    case PROTOCOL_PATHS.push: {
      expectMethod(req, 'POST');
      const body = await readBody(req);
      return sendJson(req, res, 200, await ctx.lane.run(() => push(ctx, parseJson(pushRequest, body).ops)));
    }
    case PROTOCOL_PATHS.pull: {
      expectMethod(req, 'POST');
      const { vector } = parseJson(pullRequest, await readBody(req));
      const answer = await ctx.lane.run(() => pull(ctx, identity, vector));
      return sendJson(req, res, 200, answer);
    }
    case PROTOCOL_PATHS.wait: {
      expectMethod(req, 'POST');
      const { vector, timeoutMs } = parseJson(waitRequest, await readBody(req));
      // The socket is kept alive across requests: its close listener goes with the wait.
      let stop = () => {};
      const onClose = () => stop();
      req.socket.once('close', onClose);
      try {
        const answer = await ctx.waiters.wait(vector, timeoutMs, (release) => (stop = release));
        if (req.socket.destroyed) return;
        return sendJson(req, res, 200, answer);
      } finally {
        req.socket.off('close', onClose);
      }
    }
    case PROTOCOL_PATHS.snapshot:
      expectMethod(req, 'GET');
      return snapshot(ctx, res);
    default:
      throw new WireError(404, 'not_found', `no such path: ${url}`);
  }
}
