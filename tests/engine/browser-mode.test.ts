// Browser mode over the engine worker (what `npm run serve` runs): cookies, live events with the session checked
// across the thread, a photo uploaded as the raw body into the worker and downloaded back byte for byte.
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentDto } from '../../electron/contract/attachments';
import { startEngineWorker, type EngineWorkerHost } from '../../electron/ipc/engine/worker-host';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../electron/ipc/http/body';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { requestFor } from '../../renderer/src/api/request-init';
import { noiseJpeg } from '../attachments/images';
import { BrowserTab } from '../browser-mode/http-client';
import { ADMIN } from '../support/backend';

let dataDir: string;
let engine: EngineWorkerHost;
let server: BrowserServer;
const token = newLaunchToken();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-engine-http-'));
  engine = await startEngineWorker({ dataDir });
  server = await startBrowserServer({ backend: engine, port: 0, token, staticDir: dataDir });
}, 30_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function openEvents(cookie: string | null): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { host: `127.0.0.1:${server.port}`, cookie: cookie ?? '' } },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode over the engine worker', () => {
  it('signs in with the cookie, streams a write’s event, and ends the stream once the session is gone', async () => {
    const tab = new BrowserTab(server.port, token);
    expect((await tab.post('auth.setup', ADMIN)).json()).toMatchObject({ ok: true });
    expect((await openEvents(null)).statusCode).toBe(401);
    expect((await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password })).json()).toMatchObject({ ok: true });

    const stream = await openEvents(tab.cookie);
    expect(stream.statusCode).toBe(200);
    let received = '';
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    const gotEvent = new Promise<string>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        const match = /event: domain\ndata: (.*)\n\n/.exec(received);
        if (match?.[1]) resolve(match[1]);
      });
    });
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    const created = (await tab.post('customers.create', { name: 'Clínica Norte' })).json<{ ok: true; value: { id: string } }>();
    expect(JSON.parse(await gotEvent)).toMatchObject({ entity: 'customer', kind: 'created', id: created.value.id });

    // This tab signs out; another session's write is the next event: the stream ends without sending it.
    const other = new BrowserTab(server.port, token);
    await other.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await tab.post('auth.logout', {});
    received = '';
    await other.post('customers.create', { name: 'Taller Sur' });
    await ended;
    expect(received).not.toContain('Taller Sur');
    expect(received).not.toContain('event: domain');
  }, 30_000);

  it('takes a photo over 2 MB as the raw body into the worker and gives the original back byte for byte', async () => {
    const tab = new BrowserTab(server.port, token);
    await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const ticketId = (await tab.post('tickets.create', { title: 'Fuga en la sala de calderas' })).json<{ value: { id: string } }>().value.id;
    const send = async (channel: string, input: unknown) => {
      const init = requestFor(channel, input, token);
      return fetch(`http://127.0.0.1:${server.port}/api/${channel}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: tab.cookie ?? '' } });
    };
    const bytes = await noiseJpeg(1800, 1400, 95);
    expect(bytes.length).toBeGreaterThan(DEFAULT_BODY_LIMIT_BYTES);
    const envelope = (await (await send('attachments.add', { ticketId, fileName: 'caldera.jpg', bytes })).json()) as { ok: boolean; value: AttachmentDto };
    expect(envelope).toMatchObject({ ok: true, value: { fileName: 'caldera.jpg', sizeBytes: bytes.length, width: 1800, height: 1400 } });
    const original = await send('attachments.original', { id: envelope.value.id });
    expect(original.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
  }, 30_000);
});
