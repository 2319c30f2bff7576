// Photo bytes over the LAN: a photo attached on laptop A reaches the hub in A's round and laptop B in B's, where its
// original and display copy can be read; the hub refuses forged bytes, bytes no attachment names and oversize bodies,
// keeping nothing. Loopback only, a hub chosen by the OS's port.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { originalPath } from '../../db/attachment-files';
import { MAX_ATTACHMENT_BYTES } from '../../electron/contract/attachments';
import { heldHashes } from '../../electron/services/sync/net/attachmentFiles';
import { pairWithHub, peerAddress, syncRound } from '../../electron/services/sync/net/hubClient';
import type { Hub } from '../../electron/services/sync/net/hubServer';
import { hubLink } from '../../electron/services/sync/net/links';
import { send, type PeerAddress } from '../../electron/services/sync/net/netRequest';
import { PROTOCOL_PATHS } from '../../electron/services/sync/net/protocol';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
let hubApp: TestApp;
let hub: Hub;
let a: TestApp;
let b: TestApp;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real photo: a 320×240 gradient JPEG (a few KB). */
async function photoBytes(): Promise<Buffer> {
  const raw = Buffer.alloc(320 * 240 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 256;
  return sharp(raw, { raw: { width: 320, height: 240, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

function addressOf(app: TestApp): PeerAddress {
  const link = hubLink(servicesOf(app).sqlite);
  if (!link) throw new Error('not paired');
  return peerAddress(servicesOf(app), link);
}

/** Posts raw bytes under `hash`; the reason of the hub's refusal, or 'stored'. */
async function put(app: TestApp, hash: string, bytes: Buffer): Promise<string> {
  try {
    await send(addressOf(app), 'POST', `${PROTOCOL_PATHS.file}${hash}`, bytes, async () => 'stored');
    return 'stored';
  } catch (error) {
    return (error as { details?: { reason?: string } }).details?.reason ?? String(error);
  }
}

beforeAll(async () => {
  ({ app: hubApp, hub } = await world.hubApp());
  a = await world.app({ setup: false });
  b = await world.app({ setup: false });
  for (const app of [a, b]) {
    await pairWithHub(adminContext(app), { url: hub.url, code: await makeCode(hubApp) });
    await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  }
}, 60_000);

afterAll(() => world.close());

describe('attachment files over the LAN', () => {
  it('a photo attached on A reaches the hub and B, original and display copy, and B’s open ticket hears of it', async () => {
    const ticket = await a.admin.call('tickets.create', { title: 'Caldera con fuga' });
    const bytes = await photoBytes();
    const photo = await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'fuga.jpg', bytes });

    expect(await syncRound(servicesOf(a))).toMatchObject({ inStep: true, filesSent: 1, filesReceived: 0 });
    expect((await heldHashes(hubApp.dir)).has(sha(bytes))).toBe(true);

    const heard: DomainEvent[] = [];
    const off = b.backend.events.on((event) => heard.push(event));
    expect(await syncRound(servicesOf(b))).toMatchObject({ inStep: true, filesReceived: 1 });
    off();
    const original = await b.admin.call('attachments.original', { id: photo.id });
    expect(Buffer.from(original.bytes).equals(bytes)).toBe(true);
    const display = await b.admin.call('attachments.display', { id: photo.id });
    expect(display.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect((await b.admin.call('attachments.list', { ticketId: ticket.id }))[0]).toMatchObject({ bytesAvailable: true });
    expect(heard.filter((event) => event.entity === 'ticket' && event.id === ticket.id).length).toBeGreaterThanOrEqual(2);

    // Nothing left to move: the next rounds send and fetch no file again.
    expect(await syncRound(servicesOf(a))).toMatchObject({ filesSent: 0, filesReceived: 0 });
    expect(await syncRound(servicesOf(b))).toMatchObject({ filesSent: 0, filesReceived: 0 });
  }, 30_000);

  it('a photo on the hub itself goes down to a member too', async () => {
    const ticket = await hubApp.admin.call('tickets.create', { title: 'Foto desde la oficina' });
    const bytes = Buffer.concat([await photoBytes(), Buffer.from('oficina')]);
    const photo = await hubApp.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'oficina.jpg', bytes });
    expect(await syncRound(servicesOf(a))).toMatchObject({ filesReceived: 1 });
    expect(Buffer.from((await a.admin.call('attachments.original', { id: photo.id })).bytes).equals(bytes)).toBe(true);
  }, 30_000);

  it('a file nobody has the bytes of (lost on A) is skipped: rows stay in step and the photo stays pending on B', async () => {
    await syncRound(servicesOf(b)); // the earlier tests' files
    const ticket = await a.admin.call('tickets.create', { title: 'Foto perdida' });
    const bytes = Buffer.concat([await photoBytes(), Buffer.from('perdida')]);
    const photo = await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'perdida.jpg', bytes });
    await rm(originalPath(a.dir, sha(bytes)));
    expect(await syncRound(servicesOf(a))).toMatchObject({ inStep: true, filesSent: 0 });
    expect(await syncRound(servicesOf(b))).toMatchObject({ inStep: true, filesReceived: 0 });
    expect((await b.admin.call('attachments.list', { ticketId: ticket.id })).find((row) => row.id === photo.id)).toMatchObject({ bytesAvailable: false });
  }, 30_000);

  it('moves a bounded share of files per round and says when more are left', async () => {
    await syncRound(servicesOf(a));
    const ticket = await a.admin.call('tickets.create', { title: 'Tres fotos' });
    for (const n of [1, 2, 3]) await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: `foto-${n}.jpg`, bytes: Buffer.concat([await photoBytes(), Buffer.from(`n${n}`)]) });
    expect(await syncRound(servicesOf(a), undefined, { filesPerRound: 2 })).toMatchObject({ inStep: true, filesSent: 2, filesLeft: true });
    expect(await syncRound(servicesOf(a), undefined, { filesPerRound: 2 })).toMatchObject({ inStep: true, filesSent: 1, filesLeft: false });
    expect(await syncRound(servicesOf(b), undefined, { filesPerRound: 2 })).toMatchObject({ filesReceived: 2, filesLeft: true });
    expect(await syncRound(servicesOf(b), undefined, { filesPerRound: 2 })).toMatchObject({ filesReceived: 1, filesLeft: false });
    expect((await b.admin.call('attachments.list', { ticketId: ticket.id })).every((row) => row.bytesAvailable)).toBe(true);
  }, 30_000);

  it('refuses forged bytes, bytes no attachment names and a body over the limit, keeping nothing', async () => {
    const before = await heldHashes(hubApp.dir);
    const real = await photoBytes();
    const forged = Buffer.concat([real, Buffer.from('cambiado')]);
    // A hash some attachment might name, bytes that are not it.
    const claimed = sha(Buffer.concat([real, Buffer.from('original')]));
    expect(await put(a, claimed, forged)).toBe('hash_mismatch');
    expect(await put(a, sha(forged), forged)).toBe('no_attachment');
    const huge = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1);
    // Refused on its declared length before any of it is read (the hub may close while the body is still going out).
    expect(await put(a, sha(huge), huge)).toMatch(/^(too_large|unreachable)$/);
    expect(await put(a, 'not-a-hash', real)).toBe('malformed');
    expect(await heldHashes(hubApp.dir)).toEqual(before);
    // The member is still in good standing afterwards.
    expect(await syncRound(servicesOf(a))).toMatchObject({ inStep: true });
  }, 30_000);
});
