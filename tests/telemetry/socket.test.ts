import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { startTelemetrySocket, type TelemetrySocket } from '../../electron/ipc/telemetry-socket';
import { minutesBefore, startTelemetryApp, telemetryEventCount, type TelemetryApp } from './helpers';
import { ToolClient } from './socket-client';

let app: TelemetryApp;
let socket: TelemetrySocket;
const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
const logs: string[] = [];

beforeEach(async () => {
  app = await startTelemetryApp();
  logs.length = 0;
  socket = await startTelemetrySocket({ backend: app.backend, port: 0, token: TOKEN, host: '127.0.0.1', log: (m) => logs.push(m) });
});
afterEach(async () => {
  await socket.close();
  app.close();
});

const url = (token = TOKEN) => `ws://127.0.0.1:${socket.port}/?token=${encodeURIComponent(token)}`;
const message = (value: number, ref?: number) => ({
  ticketId: app.ticketId,
  readings: [{ metric: 'voltage', value, unit: 'V', source: 'Fluke 87V', measuredAt: minutesBefore(app, 1) }],
  ...(ref !== undefined ? { ref } : {}),
});

describe('telemetry WebSocket', () => {
  it('stores readings sent by a tool, acks each with its event id and pushes the ticket update', async () => {
    const pushed: DomainEvent[] = [];
    app.backend.events.on((event) => pushed.push(event));
    const tool = await ToolClient.connect(url());
    tool.send(message(229.8, 1));
    tool.send(message(231.4, 2));
    const acks = await tool.waitForAcks(2);
    expect(acks.map((a) => [a.ok, a.ref, a.readings])).toEqual([
      [true, 1, 1],
      [true, 2, 1],
    ]);
    const listed = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(listed.map((r) => [r.value, r.eventId])).toEqual([
      [229.8, acks[0]?.eventId],
      [231.4, acks[1]?.eventId],
    ]);
    expect(pushed).toContainEqual({ entity: 'ticket', id: app.ticketId, kind: 'updated' });
    const detail = await app.admin.call('tickets.get', { id: app.ticketId });
    expect(detail.timeline.find((e) => e.id === acks[0]?.eventId)).toMatchObject({ eventType: 'telemetry', author: null });
    await tool.close();
  });

  it('accepts the token as a Bearer header too, refuses a wrong or missing token with 401 and web pages with 403', async () => {
    const tool = await ToolClient.connect(`ws://127.0.0.1:${socket.port}/`, { Authorization: `Bearer ${TOKEN}` });
    await tool.close();
    await expect(ToolClient.connect(url('wrong-token'))).rejects.toMatchObject({ status: 401 });
    await expect(ToolClient.connect(`ws://127.0.0.1:${socket.port}/`)).rejects.toMatchObject({ status: 401 });
    await expect(ToolClient.connect(url(), { Origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(ToolClient.connect(url(), { Origin: 'http://localhost:5173' })).rejects.toMatchObject({ status: 403 });
    // What Python's websocket-client sends by default: the socket's own address.
    await (await ToolClient.connect(url(), { Origin: `http://127.0.0.1:${socket.port}` })).close();
    expect(socket.stats().refusedUpgrades).toBe(4);
  });

  it('bounds a 10,000-message burst: the excess gets error acks and every accepted reading is stored', async () => {
    const tool = await ToolClient.connect(url());
    const total = 10_000;
    for (let i = 0; i < total; i += 1) tool.send(message(200 + (i % 50), i));
    const acks = await tool.waitForAcks(total);
    const accepted = acks.filter((a) => a.ok);
    const refused = acks.filter((a) => !a.ok);
    expect(refused.every((a) => a.error?.details?.reason === 'rate_limited')).toBe(true);
    // burst 200 plus what refills while the burst is read (50/s): far fewer than sent, at least the burst.
    expect(accepted.length).toBeGreaterThanOrEqual(200);
    expect(accepted.length).toBeLessThan(total / 2);
    expect(accepted.length + refused.length).toBe(total);
    const stored = await app.admin.call('telemetry.list', { ticketId: app.ticketId, limit: 50_000 });
    const storedEvents = new Set(stored.map((r) => r.eventId));
    expect(accepted.every((a) => a.eventId !== undefined && storedEvents.has(a.eventId))).toBe(true);
    expect(stored.length).toBe(accepted.length);
    expect(socket.stats()).toMatchObject({ acceptedMessages: accepted.length, rateLimited: refused.length });
    await tool.close();
    expect(logs.some((line) => line.includes(`rate-limited ${refused.length}`))).toBe(true);
    // Acks leave in message order even though accepted ones wait for the batched write: the first 200 (the burst) are accepted.
    expect(acks.slice(0, 200).every((a) => a.ok)).toBe(true);
    const refs = accepted.map((a) => Number(a.ref));
    expect(refs).toEqual([...refs].sort((a, b) => a - b));
    expect(refs.slice(0, 200)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('refuses malformed and invalid messages with error acks and closes an oversized one with 1009, still serving others', async () => {
    const tool = await ToolClient.connect(url());
    tool.send('{not json');
    tool.send({ ticketId: app.ticketId, readings: [{ metric: 'voltage', value: 1, unit: 'mV', measuredAt: minutesBefore(app, 1) }], ref: 'a' });
    tool.send({ ...message(1), ticketId: '01890000-0000-7000-8000-000000000000', ref: 'b' });
    tool.send(message(230, 3));
    const acks = await tool.waitForAcks(4);
    expect(acks.map((a) => [a.ok, a.error?.details?.reason ?? null])).toEqual([
      [false, 'json_malformed'],
      [false, 'invalid_input'],
      [false, 'not_found'],
      [true, null],
    ]);

    const other = await ToolClient.connect(url());
    const flood = await ToolClient.connect(url());
    flood.send('x'.repeat(70 * 1024));
    expect(await flood.closed).toBe(1009);
    other.send(message(232, 7));
    expect((await other.waitForAcks(1))[0]).toMatchObject({ ok: true, ref: 7 });
    expect(telemetryEventCount(app, app.ticketId)).toBe(2);
    await Promise.all([tool.close(), other.close()]);
  });
});
