// WAL checkpoints happen once writes go quiet (or after a bounded delay), never inside a write.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/backend';
import { removeTempDirs, tempDir } from './helpers';

let app: TestApp | null = null;
afterEach(() => {
  vi.useRealTimers();
  app?.close();
  app = null;
  removeTempDirs();
});

const checkpointCalls = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([sql]) => sql === 'wal_checkpoint(PASSIVE)').length;

describe('idle WAL checkpoints', () => {
  it('turns SQLite automatic checkpoints off and checkpoints one second after the last write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const spy = vi.spyOn(sqlite, 'pragma');
    await app.admin.call('customers.create', { name: 'Clínica Norte' });
    await app.admin.call('customers.create', { name: 'Taller Sur' });
    expect(checkpointCalls(spy)).toBe(0);
    vi.advanceTimersByTime(999);
    expect(checkpointCalls(spy)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(checkpointCalls(spy)).toBe(1);
    // That checkpoint copied every frame of the WAL (nothing busy, nothing left behind)…
    const idle = spy.mock.results[spy.mock.calls.findIndex(([sql]) => sql === 'wal_checkpoint(PASSIVE)')];
    const [outcome] = idle?.value as { busy: number; log: number; checkpointed: number }[];
    expect(outcome?.busy).toBe(0);
    expect(outcome?.log).toBeGreaterThan(0);
    expect(outcome?.checkpointed).toBe(outcome?.log);
    // …so the main file alone, without its -wal, already holds both customers.
    const copy = path.join(tempDir(), 'main-file-only.db');
    copyFileSync(sqlite.name, copy);
    const mainOnly = new Database(copy, { readonly: true });
    try {
      const names = mainOnly.prepare("SELECT name FROM customers WHERE name IN ('Clínica Norte', 'Taller Sur') ORDER BY name").pluck().all();
      expect(names).toEqual(['Clínica Norte', 'Taller Sur']);
    } finally {
      mainOnly.close();
    }
  });

  it('does not wait forever while writes keep coming, and closing checkpoints what is pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    app = await startTestApp();
    const spy = vi.spyOn(app.backend.database.sqlite, 'pragma');
    for (let i = 0; i < 21; i++) {
      await app.admin.call('customers.create', { name: `Cliente ${i}` });
      vi.advanceTimersByTime(500);
    }
    expect(checkpointCalls(spy)).toBe(1);
    await app.admin.call('customers.create', { name: 'Último' });
    app.backend.close();
    expect(checkpointCalls(spy)).toBe(2);
    app = null;
  });
});
