// Team sync by bundle carries the bytes of attachments: the rows travel as ops, the originals they name as file pages
// after them; the receiver shows the photo (not "pendiente de sincronizar") and keeps the bytes byte for byte.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { importBundle } from '../../electron/services/sync/bundle-import';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { createTeamOn, inviteOn, joinOn } from '../sync/bundle-fixture';
import { minimalPdf, noiseJpeg } from './images';

const apps: TestApp[] = [];
afterAll(() => {
  apps.splice(0).forEach((app) => app.close());
  removeTempDirs();
});

function adminOn(app: TestApp): Caller {
  const id = (app.backend.database.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  const caller = app.caller();
  caller.token = app.backend.sessions.create(id);
  return caller;
}

describe('attachments in sync bundles', () => {
  it('a photo of several file pages and a PDF reach the other laptop whole', async () => {
    const a = await startTestApp();
    apps.push(a);
    const ticket = await a.admin.call('tickets.create', { title: 'Cuadro eléctrico quemado' });
    const photo = await noiseJpeg(2600, 1900, 95); // over one 4 MB page
    expect(photo.length).toBeGreaterThan(4 * 1024 * 1024);
    const pdf = minimalPdf();
    await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'cuadro.jpg', bytes: photo });
    await a.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'presupuesto.pdf', bytes: pdf });
    await createTeamOn(a);
    const b = await startTestApp({ setup: false });
    apps.push(b);
    joinOn(b, await inviteOn(a));

    const out = path.join(tempDir(), 'a.emsync');
    await exportBundle({ sqlite: a.backend.database.sqlite, clock: a.clock }, { out });
    await importBundle({ sqlite: b.backend.database.sqlite, clock: b.clock, events: b.backend.events }, { file: out });

    const adminB = adminOn(b);
    const rows = await adminB.call('attachments.list', { ticketId: ticket.id });
    expect(rows.map((row) => [row.fileName, row.bytesAvailable])).toEqual([
      ['cuadro.jpg', true],
      ['presupuesto.pdf', true],
    ]);
    expect(rows[0]?.thumbDataUrl).toMatch(/^data:image\/jpeg/);
    const original = await adminB.call('attachments.original', { id: rows[0]!.id });
    expect(Buffer.from(original.bytes).equals(photo)).toBe(true);
    const shown = await adminB.call('attachments.display', { id: rows[0]!.id });
    expect([shown.width, shown.height]).toEqual([1600, 1169]);

    // Importing the same bundle again: nothing new, the files stay as they are.
    const again = await importBundle({ sqlite: b.backend.database.sqlite, clock: b.clock, events: b.backend.events }, { file: out });
    expect(again.applied).toBe(0);
    expect(Buffer.from((await adminB.call('attachments.original', { id: rows[1]!.id })).bytes).equals(pdf)).toBe(true);
  }, 60_000);
});
