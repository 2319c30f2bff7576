// Backup → restore keeps photos and files: the originals travel inside the backup file and come back into files/.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { filesFolder, originalPath } from '../../db/attachment-files';
import { BACKUP_FILES_TABLE, restoreDatabase } from '../../db/reliability';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { sha256Hex } from '../../electron/services/attachments';
import { ADMIN, Caller, startTestApp, type TestApp } from '../support/backend';
import { minimalPdf, noiseJpeg } from './images';

let app: TestApp;
afterAll(() => rmSync(app.dir, { recursive: true, force: true }));

describe('backup and restore of attachments', () => {
  it('a restored install shows the photos and gives back the originals of the backup', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Humedad en el techo' });
    const photo = await noiseJpeg(900, 600);
    const pdf = minimalPdf();
    const added = await app.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'techo.jpg', bytes: photo });
    const file = await app.admin.call('attachments.add', { ticketId: ticket.id, fileName: 'informe.pdf', bytes: pdf });
    const backup = await app.admin.call('backup.create', {});
    const carried = new Database(backup.path, { readonly: true });
    expect(carried.prepare(`SELECT count(*) FROM ${BACKUP_FILES_TABLE}`).pluck().get()).toBe(2);
    carried.close();

    // The laptop loses its data folder's files (and the database is replaced by the backup).
    app.backend.close();
    rmSync(filesFolder(app.dir), { recursive: true, force: true });
    const restored = restoreDatabase({ file: databasePath(app.dir), from: backup.path });
    const tables = restored.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain(BACKUP_FILES_TABLE);
    restored.database.close();
    expect(existsSync(originalPath(app.dir, sha256Hex(photo)))).toBe(true);
    expect(readdirSync(filesFolder(app.dir))).not.toContain('derived'); // derived copies are rebuilt, not carried

    const backend = createBackend({ dataDir: app.dir, clock: app.clock });
    try {
      const admin = new Caller(backend);
      await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
      const list = await admin.call('attachments.list', { ticketId: ticket.id });
      expect(list.map((row) => [row.fileName, row.bytesAvailable])).toEqual([
        ['techo.jpg', true],
        ['informe.pdf', true],
      ]);
      expect(list[0]?.thumbDataUrl).toMatch(/^data:image\/jpeg/);
      const shown = await admin.call('attachments.display', { id: added.id });
      expect([shown.width, shown.height]).toEqual([900, 600]);
      const original = await admin.call('attachments.original', { id: file.id });
      expect(Buffer.from(original.bytes).equals(pdf)).toBe(true);
    } finally {
      backend.close();
    }
  }, 60_000);
});
