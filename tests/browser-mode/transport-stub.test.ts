// Transport details over a stub dispatcher: file downloads, the placeholder page, SSE heartbeats and listener clean-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FilePayload } from '../../electron/contract';
import { contentDisposition } from '../../electron/ipc/http/responses';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { EventBus } from '../../electron/services/events';
import { rawRequest } from './http-client';

const pdfBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff]);
const file: FilePayload = { fileName: 'OT-2026-000042 informe ñandú (v1).pdf', mimeType: 'application/pdf', bytes: pdfBytes };
let server: BrowserServer;
let emptyDir: string;
const calls: string[] = [];
const events = new EventBus();
let subscribed = 0;

beforeAll(async () => {
  emptyDir = mkdtempSync(path.join(tmpdir(), 'emerald-empty-'));
  // Only the transport is under test here: a dispatcher that answers a file for one channel.
  const backend = {
    // Counts live subscriptions, so the test sees SSE clients subscribe and, once gone, unsubscribe.
    onEvent(listener: Parameters<EventBus['on']>[0]) {
      subscribed++;
      const off = events.on(listener);
      return () => {
        subscribed--;
        off();
      };
    },
    // Any cookie is a signed-in session here: the session rule has its own test (tests/hardening/live-events-session).
    sessionStatus: (token: string | null) => (token ? ('active' as const) : ('missing' as const)),
    dispatch: async (_call: unknown, channel: unknown) => {
      calls.push(String(channel));
      return { envelope: { ok: true as const, value: channel === 'reports.workOrderPdf' ? file : { plain: true } } };
    },
  };
  server = await startBrowserServer({ backend, port: 0, token: 't0ken', staticDir: emptyDir, heartbeatMs: 20 });
});

afterAll(async () => {
  await server.close();
  rmSync(emptyDir, { recursive: true, force: true });
});

it('sends a FilePayload as its own MIME type with an RFC 5987 attachment name', async () => {
  const response = await rawRequest({ port: server.port, method: 'POST', path: '/api/reports.workOrderPdf', body: '{"id":"x"}', headers: { authorization: 'Bearer t0ken' } });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toBe(contentDisposition(file.fileName));
  expect(response.headers['content-disposition']).toBe("attachment; filename*=UTF-8''OT-2026-000042%20informe%20%C3%B1and%C3%BA%20%28v1%29.pdf");
  expect(new Uint8Array(response.body)).toEqual(pdfBytes);
  const plain = await rawRequest({ port: server.port, method: 'POST', path: '/api/other.thing', body: '', headers: { authorization: 'Bearer t0ken' } });
  expect(plain.headers['content-type']).toMatch(/^application\/json/);
  expect(plain.json()).toEqual({ ok: true, value: { plain: true } });
  expect(calls).toEqual(['reports.workOrderPdf', 'other.thing']);
});

it('serves a placeholder page at / while the renderer is not built', async () => {
  const index = await rawRequest({ port: server.port, path: '/' });
  expect(index.status).toBe(200);
  expect(index.text).toContain('npm run build:renderer');
  expect((await rawRequest({ port: server.port, path: '/assets/app.js' })).status).toBe(404);
});

it('sends comment heartbeats on the event stream and drops the listener when the client goes away', async () => {
  const stream = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events?token=t0ken', headers: { host: `127.0.0.1:${server.port}`, cookie: `emerald_session_${server.port}=s` } }, resolve);
    req.on('error', reject);
    req.end();
  });
  let received = '';
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.includes(': heartbeat\n\n')) resolve();
    });
  });
  expect(subscribed).toBe(1);
  events.emit({ entity: 'ticket', id: 't-1', kind: 'updated' });
  await new Promise<void>((resolve) => {
    const check = () => (received.includes('event: domain\n') ? resolve() : stream.once('data', check));
    check();
  });
  expect(received).toContain('event: domain\ndata: {"entity":"ticket","id":"t-1","kind":"updated"}\n\n');
  const closed = new Promise<void>((resolve) => stream.socket.once('close', () => resolve()));
  stream.destroy();
  await closed;
  // The server notices the closed socket on its side; wait for that without a clock.
  while (subscribed !== 0) await new Promise((resolve) => setImmediate(resolve));
  expect(subscribed).toBe(0);
});
