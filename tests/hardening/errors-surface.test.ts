// Issue 18.14: failures that vanished or were misreported — EventBus.emit swallowed listener errors without a log; the
// telemetry socket rethrew non-application errors inside a ws handler (an uncaught exception in the main process); a
// row gone from under an optimistic write was a version CONFLICT with an invented "actual" version, not NOT_FOUND.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { tickets } from '../../db/schema';
import { startTelemetrySocket } from '../../electron/ipc/telemetry-socket';
import { EventBus } from '../../electron/services/events';
import { saveVersioned } from '../../electron/services/versioned';
import { startTestApp, type TestApp } from '../support/backend';
import { ToolClient } from '../telemetry/socket-client';

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

describe('EventBus.emit', () => {
  it('logs a failing listener and still reaches the others', () => {
    const logged: Array<{ message: string; error: unknown }> = [];
    const bus = new EventBus((message, error) => logged.push({ message, error }));
    const seen: DomainEvent[] = [];
    bus.on(() => {
      throw new Error('window gone');
    });
    bus.on((event) => seen.push(event));
    const event: DomainEvent = { entity: 'ticket', id: 't-1', kind: 'updated' };
    bus.emit(event);
    expect(seen).toEqual([event]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toMatch(/listener failed.*ticket updated/);
    expect(String(logged[0]?.error)).toContain('window gone');
  });
});

describe('telemetry socket', () => {
  it('answers INTERNAL and logs when checking a message throws a non-application error, without an uncaught exception', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Sonda en el cuadro' });
    let broken = false;
    const clock = { now: () => (broken ? (() => { throw new TypeError('clock unavailable'); })() : app!.clock.now()) };
    const logs: string[] = [];
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener('uncaughtException', onUncaught);
    const socket = await startTelemetrySocket({ backend: { ...app.backend, clock }, port: 0, token: 'token-0123456789abcdefghijklmnopqrstuvwxyz', log: (m) => logs.push(m) });
    try {
      const tool = await ToolClient.connect(`ws://127.0.0.1:${socket.port}/?token=token-0123456789abcdefghijklmnopqrstuvwxyz`);
      broken = true;
      tool.send({ ticketId: ticket.id, ref: 7, readings: [{ metric: 'voltage', value: 230, unit: 'V', source: 'Fluke', measuredAt: '2026-03-02T08:59:00.000Z' }] });
      const [ack] = await tool.waitForAcks(1);
      expect(ack).toMatchObject({ ok: false, ref: 7, error: { code: 'INTERNAL', details: { reason: 'internal' } } });
      expect(logs.some((line) => line.includes('telemetry socket'))).toBe(true);
      broken = false;
      // The connection is still served.
      tool.send({ ticketId: ticket.id, ref: 8, readings: [{ metric: 'voltage', value: 231, unit: 'V', source: 'Fluke', measuredAt: '2026-03-02T08:59:00.000Z' }] });
      expect((await tool.waitForAcks(2))[1]).toMatchObject({ ok: true, ref: 8 });
      await tool.close();
    } finally {
      process.off('uncaughtException', onUncaught);
      await socket.close();
    }
    expect(uncaught).toEqual([]);
  });
});

describe('saveVersioned', () => {
  it('a row that is gone is NOT_FOUND; a stale version names the version the row really has', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Bomba con fugas' });
    const { db, sqlite } = app.backend.database;
    const at = new Date().toISOString();
    // Someone else saved it three times since it was read at version 1.
    sqlite.prepare('UPDATE tickets SET version = 4 WHERE id = ?').run(ticket.id);
    expect(() => saveVersioned(db, tickets, 'ticket', { id: ticket.id, version: 1 }, { title: 'x' }, at, { bumpVersion: true })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ reason: 'stale_version', expected: 1, actual: 4 }) }),
    );
    expect(() => saveVersioned(db, tickets, 'ticket', { id: 'no-such-ticket', version: 1 }, { title: 'x' }, at, { bumpVersion: true })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', details: expect.objectContaining({ reason: 'not_found', entity: 'ticket', id: 'no-such-ticket' }) }),
    );
    expect(db.select({ title: tickets.title }).from(tickets).where(eq(tickets.id, ticket.id)).get()).toEqual({ title: 'Bomba con fugas' });
  });
});
