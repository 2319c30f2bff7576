// Photo bytes through the central PostgreSQL hub: an original uploaded by laptop A is kept in hub_files (bytea by
// sha256) and downloaded by laptop B; forged bytes and bytes no attachment names are refused, nothing kept.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pairWithHub, peerAddress, syncRound } from '../../electron/services/sync/net/hubClient';
import { hubLink } from '../../electron/services/sync/net/links';
import { send } from '../../electron/services/sync/net/netRequest';
import { PROTOCOL_PATHS } from '../../electron/services/sync/net/protocol';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, servicesOf } from './net.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const { world, pgWorld } = pgHubSuite();

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function photoBytes(): Promise<Buffer> {
  const raw = Buffer.alloc(200 * 150 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 13) % 256;
  return sharp(raw, { raw: { width: 200, height: 150, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

async function put(app: TestApp, hash: string, bytes: Buffer): Promise<string> {
  const link = hubLink(servicesOf(app).sqlite);
  if (!link) throw new Error('not paired');
  try {
    await send(peerAddress(servicesOf(app), link), 'POST', `${PROTOCOL_PATHS.file}${hash}`, bytes, async () => 'stored');
    return 'stored';
  } catch (error) {
    return (error as { details?: { reason?: string } }).details?.reason ?? String(error);
  }
}

describe('attachment files through the PostgreSQL hub', () => {
  it('A’s photo is kept on the hub and read on B; forged or unnamed bytes are refused', async () => {
    const hub = await pgWorld.hub();
    const a = await world.app({ setup: false });
    const b = await world.app({ setup: false });
    for (const app of [a, b]) {
      await pairWithHub(adminContext(app), { url: hub.hub.url, code: await hub.code() });
      await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    }
    const ticket = await a.admin.call('tickets.create', { title: 'Radiador frío' });
    const bytes = await photoBytes();
    const photo = await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'radiador.jpg', bytes });

    expect(await syncRound(servicesOf(a))).toMatchObject({ inStep: true, filesSent: 1 });
    expect(await hub.value('SELECT size_bytes FROM hub_files WHERE sha256 = $1', [sha(bytes)])).toBe(bytes.length);
    expect(await syncRound(servicesOf(b))).toMatchObject({ inStep: true, filesReceived: 1 });
    expect(Buffer.from((await b.admin.call('attachments.original', { id: photo.id })).bytes).equals(bytes)).toBe(true);
    expect((await b.admin.call('attachments.display', { id: photo.id })).dataUrl).toMatch(/^data:image\/jpeg;base64,/);

    const forged = Buffer.concat([bytes, Buffer.from('cambiado')]);
    expect(await put(a, sha(Buffer.from('otra cosa')), forged)).toBe('hash_mismatch');
    expect(await put(a, sha(forged), forged)).toBe('no_attachment');
    expect(await hub.value('SELECT count(*)::int FROM hub_files')).toBe(1);
    // Asked again, nothing moves.
    expect(await syncRound(servicesOf(a))).toMatchObject({ filesSent: 0, filesReceived: 0 });
  }, 60_000);
});
