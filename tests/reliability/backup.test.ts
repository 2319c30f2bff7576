// Backups: identity and version carried, progress reported, pruning, consistency under a concurrent writer, channels.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { APPLICATION_ID, openDatabase } from '../../db/open';
import { autoBackup, createBackup, listBackups, restoreDatabase, validateBackupFile } from '../../db/reliability';
import { startTestApp } from '../support/backend';
import { Child, removeTempDirs, tempDir } from './support';

afterAll(removeTempDirs);

function readPragmas(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return {
      applicationId: sqlite.pragma('application_id', { simple: true }),
      userVersion: sqlite.pragma('user_version', { simple: true }),
      journalMode: sqlite.pragma('journal_mode', { simple: true }),
      integrity: sqlite.pragma('integrity_check', { simple: true }),
      tickets: (sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n,
    };
  } finally {
    sqlite.close();
  }
}

describe('createBackup', () => {
  it('writes emerald-<timestamp>-v<schema>.db carrying the app identity and schema version, verified and self-contained', async () => {
    const dir = tempDir();
    const opened = openDatabase(path.join(dir, 'emerald.db'));
    const progress: { done: number; total: number }[] = [];
    const backup = await createBackup(dir, opened.sqlite, { now: new Date('2026-03-02T09:15:30.123Z'), onProgress: (p) => progress.push(p) });
    opened.close();

    expect(backup.fileName).toBe(`emerald-20260302T091530123Z-v${opened.schemaVersion}.db`);
    expect(backup.path).toBe(path.join(dir, 'backups', backup.fileName));
    expect(backup.createdAt).toBe('2026-03-02T09:15:30.123Z');
    expect(backup.schemaVersion).toBe(opened.schemaVersion);
    expect(backup.sizeBytes).toBeGreaterThan(0);
    // The backup API copies page 1 verbatim: application_id and user_version travel with it.
    expect(readPragmas(backup.path)).toMatchObject({ applicationId: APPLICATION_ID, userVersion: opened.schemaVersion, journalMode: 'delete', integrity: 'ok' });
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1];
    expect(last?.done).toBe(last?.total);
    expect(readdirSync(path.join(dir, 'backups'))).toEqual([backup.fileName]);
  });

  it('autoBackup keeps the newest `keep` backups and removes the oldest', async () => {
    const dir = tempDir();
    const opened = openDatabase(path.join(dir, 'emerald.db'));
    const made: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const { backup, removed } = await autoBackup(dir, opened.sqlite, { keep: 3, now: new Date(`2026-03-0${day}T08:00:00.000Z`) });
      made.push(backup.fileName);
      expect(removed.length).toBe(made.length > 3 ? 1 : 0);
    }
    opened.close();
    expect(listBackups(dir).map((b) => b.fileName)).toEqual(made.slice(2).reverse());
  });

  it('two backups in the same millisecond get distinct names', async () => {
    const dir = tempDir();
    const opened = openDatabase(path.join(dir, 'emerald.db'));
    const now = new Date('2026-03-02T09:00:00.000Z');
    const a = await createBackup(dir, opened.sqlite, { now });
    const b = await createBackup(dir, opened.sqlite, { now });
    opened.close();
    expect(a.fileName).not.toBe(b.fileName);
    expect(listBackups(dir)).toHaveLength(2);
  });

  it('a backup taken while another process writes is consistent and restorable', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    openDatabase(file).close();
    const writer = await Child.start('writer.ts', [dir]);
    try {
      await writer.waitFor((line) => line.startsWith('note '));
      const reader = openDatabase(file);
      // Several backups while the writer keeps committing; each must be whole on its own.
      const backups = [];
      for (let i = 0; i < 3; i++) backups.push(await createBackup(dir, reader.sqlite));
      reader.close();
      for (const backup of backups) {
        expect(readPragmas(backup.path).integrity).toBe('ok');
        expect(validateBackupFile(backup.path).schemaVersion).toBe(reader.schemaVersion);
      }
      await writer.kill();
      const last = backups[backups.length - 1] as (typeof backups)[number];
      const inBackup = readPragmas(last.path).tickets;
      expect(inBackup).toBeGreaterThan(0);
      const restored = restoreDatabase({ file, from: last.path });
      try {
        expect(restored.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const count = restored.database.sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
        expect(count.n).toBe(inBackup);
        // Every ticket in the backup came with its creation event (no half operation was copied).
        const orphans = restored.database.sqlite
          .prepare("SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_timeline e WHERE e.ticket_id = t.id AND e.event_type = 'created')")
          .get() as { n: number };
        expect(orphans.n).toBe(0);
      } finally {
        restored.database.close();
      }
    } finally {
      await writer.kill();
    }
  });
});

describe('backup channels', () => {
  it('backup.create answers the file and reports progress; backup.list lists it; both need settings:admin', async () => {
    const app = await startTestApp();
    try {
      const events: DomainEvent[] = [];
      app.backend.events.on((event) => events.push(event));
      const created = await app.admin.call('backup.create', {});
      expect(created.fileName).toMatch(/^emerald-\d{8}T\d{9}Z-v\d+\.db$/);
      expect(created.createdAt).toBe(app.clock.now().toISOString());
      expect(created.path).toBe(path.join(app.dir, 'backups', created.fileName));
      expect(readPragmas(created.path)).toMatchObject({ applicationId: APPLICATION_ID, integrity: 'ok' });
      const progress = events.filter((e) => e.entity === 'job' && e.kind === 'progress' && e.progress?.label === 'backup');
      expect(progress.length).toBeGreaterThan(0);

      app.clock.advance(60_000);
      const second = await app.admin.call('backup.create', {});
      const listed = await app.admin.call('backup.list', {});
      expect(listed.map((b) => b.fileName)).toEqual([second.fileName, created.fileName]);
      expect(listed[1]).toEqual(created);

      const tech = await app.userWithRole('Técnico', 'tec1');
      expect(await tech.caller.failure('backup.create', {})).toBe('FORBIDDEN');
      expect(await tech.caller.failure('backup.list', {})).toBe('FORBIDDEN');
      expect(await app.caller().failure('backup.list', {})).toBe('UNAUTHENTICATED');
      expect(await app.admin.failure('backup.create', { extra: 1 })).toBe('VALIDATION');
    } finally {
      app.close();
    }
  });
});
