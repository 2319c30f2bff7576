// WAL checkpoints happen once writes go quiet (or after a bounded delay), never inside a write.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp | null = null;
afterEach(() => {
  vi.useRealTimers();
  app?.close();
  app = null;
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
    // The data is in the main file now: the WAL has nothing left to copy.
    expect(sqlite.pragma('wal_checkpoint(PASSIVE)')).toEqual([{ busy: 0, log: expect.any(Number), checkpointed: expect.any(Number) }]);
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
