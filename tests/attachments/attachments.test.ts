// Photos and files on OTs and tickets (issue 15, item 3): content-addressed storage, derived copies, and every refusal
// (type by content, header-sized bomb, size, count, state, owner) leaving no row and no file behind.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { derivedPath, filesFolder, originalPath } from '../../db/attachment-files';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_OWNER } from '../../electron/contract/attachments';
import { sha256Hex } from '../../electron/services/attachments';
import { errorOf, startDomainApp, type DomainFixture } from '../domain/fixtures';
import { versionOf } from '../support/versions';
import { elfBytes, hugePngHeader, minimalPdf, noiseJpeg, solidPng } from './images';

let f: DomainFixture;
let ticketId: string;
let workOrderId: string;

/** Every file under the data folder's files/ (originals and derived), to prove a refusal stored nothing. */
function storedFiles(): string[] {
  const root = filesFolder(f.app.dir);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((name) => statSync(path.join(root, name)).isFile()).sort();
}
const rowCount = () => (f.app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;

async function expectRefused(input: Record<string, unknown>, reason: string, caller = f.admin) {
  const before = { files: storedFiles(), rows: rowCount() };
  const error = await errorOf(caller, 'attachments.add', input);
  expect(error.details?.reason).toBe(reason);
  expect({ files: storedFiles(), rows: rowCount() }).toEqual(before);
  return error;
}

beforeAll(async () => {
  f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  ticketId = ticket.id;
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
  workOrderId = wo.id;
  await f.admin.call('workOrders.schedule', {
    id: wo.id,
    version: await versionOf(f.admin, 'workOrder', wo.id),
    technicianId: f.tec1.id,
    scheduledDate: '2026-03-03T09:00:00.000Z',
    estimatedMinutes: 60,
  });
});
afterAll(() => f.app.close());

describe('attachments.add', () => {
  it('stores a photo content-addressed with display and thumbnail copies, and moves the OT version', async () => {
    const bytes = await noiseJpeg(2400, 1200);
    const versionBefore = await versionOf(f.admin, 'workOrder', workOrderId);
    const added = await f.tec1.caller.call('attachments.add', { workOrderId, fileName: 'caldera.jpg', bytes });
    expect(added).toMatchObject({ workOrderId, ticketId, mime: 'image/jpeg', kind: 'photo', width: 2400, height: 1200, bytesAvailable: true });
    expect(added.thumbDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const sha = sha256Hex(bytes);
    expect(existsSync(originalPath(f.app.dir, sha))).toBe(true);
    const display = await sharp(derivedPath(f.app.dir, sha, 'display')).metadata();
    const thumb = await sharp(derivedPath(f.app.dir, sha, 'thumb')).metadata();
    expect([display.width, display.height]).toEqual([1600, 800]);
    expect([thumb.width, thumb.height]).toEqual([320, 160]);
    expect(await versionOf(f.admin, 'workOrder', workOrderId)).toBe(versionBefore + 1);
    const detail = await f.admin.call('tickets.get', { id: ticketId });
    expect(JSON.stringify(detail)).toContain('foto añadida: caldera.jpg');
  });

  it('the same bytes twice make two rows and one file', async () => {
    const bytes = await solidPng(64, 48, 1);
    const filesBefore = storedFiles().length;
    const a = await f.admin.call('attachments.add', { ticketId, fileName: 'a.png', bytes });
    const b = await f.admin.call('attachments.add', { ticketId, fileName: 'copia.png', bytes });
    expect(a.id).not.toBe(b.id);
    expect(storedFiles().length).toBe(filesBefore + 3); // one original, one display, one thumbnail
    const list = await f.admin.call('attachments.list', { ticketId });
    expect(list.filter((row) => row.fileName === 'a.png' || row.fileName === 'copia.png')).toHaveLength(2);
  });

  it('applies the EXIF orientation to the derived copies', async () => {
    const bytes = await noiseJpeg(300, 100, 80, 6); // stored landscape, shown portrait
    const added = await f.admin.call('attachments.add', { ticketId, fileName: 'girada.jpg', bytes });
    expect([added.width, added.height]).toEqual([100, 300]);
    const shown = await f.admin.call('attachments.display', { id: added.id });
    expect([shown.width, shown.height]).toEqual([100, 300]);
  });

  it('takes a PDF as a file (no thumbnail) and gives the original back byte for byte', async () => {
    const bytes = minimalPdf();
    const added = await f.admin.call('attachments.add', { workOrderId, fileName: 'presupuesto.pdf', bytes });
    expect(added).toMatchObject({ kind: 'file', mime: 'application/pdf', thumbDataUrl: null, width: null });
    const original = await f.admin.call('attachments.original', { id: added.id });
    expect(original.fileName).toBe('presupuesto.pdf');
    expect(Buffer.from(original.bytes).equals(bytes)).toBe(true);
  });

  it('rebuilds missing derived copies from the original, and says so when the original itself has not arrived', async () => {
    const bytes = await solidPng(500, 400, 2);
    const added = await f.admin.call('attachments.add', { ticketId, fileName: 'reconstruir.png', bytes });
    const sha = sha256Hex(bytes);
    rmSync(derivedPath(f.app.dir, sha, 'display'));
    rmSync(derivedPath(f.app.dir, sha, 'thumb'));
    const shown = await f.admin.call('attachments.display', { id: added.id });
    expect([shown.width, shown.height]).toEqual([500, 400]);
    rmSync(derivedPath(f.app.dir, sha, 'thumb'));
    const [row] = (await f.admin.call('attachments.list', { ticketId })).filter((r) => r.id === added.id);
    expect(row?.thumbDataUrl).toMatch(/^data:image\/jpeg/);
    expect(existsSync(derivedPath(f.app.dir, sha, 'thumb'))).toBe(true);

    // A row that came by team sync before its bytes: listed as pending, never an error on the list.
    for (const kind of ['display', 'thumb'] as const) rmSync(derivedPath(f.app.dir, sha, kind));
    rmSync(originalPath(f.app.dir, sha));
    const [pending] = (await f.admin.call('attachments.list', { ticketId })).filter((r) => r.id === added.id);
    expect(pending).toMatchObject({ bytesAvailable: false, thumbDataUrl: null });
    expect((await errorOf(f.admin, 'attachments.original', { id: added.id })).details?.reason).toBe('file_pending_sync');
    expect((await errorOf(f.admin, 'attachments.display', { id: added.id })).details?.reason).toBe('file_pending_sync');

    // A row another copy sent with a hash that is no hash (forged): never a path, only a file that is not here.
    f.app.backend.database.sqlite.prepare("UPDATE attachments SET sha256 = '../../emerald.db' WHERE id = ?").run(added.id);
    const [forged] = (await f.admin.call('attachments.list', { ticketId })).filter((r) => r.id === added.id);
    expect(forged).toMatchObject({ bytesAvailable: false, thumbDataUrl: null });
    expect((await errorOf(f.admin, 'attachments.original', { id: added.id })).details?.reason).toBe('file_pending_sync');
  });
});

describe('attachments.add refusals: clear, and nothing stored', () => {
  it('an executable renamed .jpg', async () => {
    await expectRefused({ workOrderId, fileName: 'foto.jpg', bytes: elfBytes() }, 'file_type_not_allowed');
  });

  it('a PNG whose header claims 20,000 × 20,000 pixels, refused before decoding', async () => {
    const error = await expectRefused({ workOrderId, fileName: 'enorme.png', bytes: hugePngHeader() }, 'image_too_large');
    expect(error.details).toMatchObject({ width: 20_000, height: 20_000 });
  });

  it('a damaged photo (a JPEG start and then nothing an image decoder can read)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    await expectRefused({ workOrderId, fileName: 'rota.jpg', bytes }, 'image_unreadable');
  });

  it('a file over 25 MB, and an empty one', async () => {
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    await expectRefused({ workOrderId, fileName: 'grande.pdf', bytes: big }, 'file_too_large');
    await expectRefused({ workOrderId, fileName: 'vacio.pdf', bytes: new Uint8Array(0) }, 'empty_file');
  });

  it('another technician’s OT, and a ticket for someone without tickets:write', async () => {
    const bytes = await solidPng(16, 16, 3);
    expect((await expectRefused({ workOrderId, fileName: 'x.png', bytes }, 'not_your_work_order', f.tec2.caller)).code).toBe('FORBIDDEN');
    expect((await expectRefused({ ticketId, fileName: 'x.png', bytes }, 'forbidden', f.tec1.caller)).code).toBe('FORBIDDEN');
  });

  it(`the ${MAX_ATTACHMENTS_PER_OWNER + 1}st file of one OT`, async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Muchas fotos' });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
    for (let i = 0; i < MAX_ATTACHMENTS_PER_OWNER; i++) {
      await f.admin.call('attachments.add', { workOrderId: wo.id, fileName: `f${i}.png`, bytes: await solidPng(8, 8, 100 + i) });
    }
    await expectRefused({ workOrderId: wo.id, fileName: 'una-mas.png', bytes: await solidPng(8, 8, 99) }, 'too_many_files');
    // The ticket itself still has room: the limit is per OT and per ticket.
    await f.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'del-aviso.png', bytes: await solidPng(8, 8, 98) });
  }, 60_000);

  it('a cancelled OT', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Visita cancelada' });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
    await f.admin.call('workOrders.cancel', { id: wo.id, version: await versionOf(f.admin, 'workOrder', wo.id), reason: 'El cliente no estaba' });
    const bytes = await solidPng(16, 16, 4);
    expect((await expectRefused({ workOrderId: wo.id, fileName: 'x.png', bytes }, 'work_order_final')).code).toBeDefined();
  });

  it('an OT cancelled while its photo was being processed: the add is refused and the file it had written is taken back', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Cancelada a mitad' });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    const bytes = await noiseJpeg(3000, 2000, 90);
    const before = { files: storedFiles(), rows: rowCount() };
    // The checks before any decoding pass; the cancel lands while sharp works; the write's own checks refuse.
    const adding = f.admin.envelope('attachments.add', { workOrderId: wo.id, fileName: 'tarde.jpg', bytes });
    await f.admin.call('workOrders.cancel', { id: wo.id, version: wo.version, reason: 'El cliente anuló la visita' });
    const env = await adding;
    expect(env.ok ? null : env.error.details?.reason).toBe('work_order_final');
    expect({ files: storedFiles(), rows: rowCount() }).toEqual(before);
    expect(existsSync(originalPath(f.app.dir, sha256Hex(bytes)))).toBe(false);
  }, 30_000);

  it('never blocks other calls while a large photo is processed', async () => {
    const bytes = await noiseJpeg(4000, 3000, 92);
    const order: string[] = [];
    const adding = f.admin.call('attachments.add', { ticketId, fileName: 'grande.jpg', bytes }).then(() => order.push('add'));
    const listing = f.admin.call('tickets.list', {}).then(() => order.push('list'));
    await Promise.all([adding, listing]);
    expect(order).toEqual(['list', 'add']);
  }, 30_000);
});
