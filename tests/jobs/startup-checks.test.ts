// Start at once (issue 17 item 2): with startupJobs the open skips quick_check and the job worker runs it after start,
// then the start-up backup; a damaged file is still caught, just after the first answer.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { listBackups } from '../../db/reliability';
import { createBackend, databasePath, type Backend } from '../../electron/ipc/backend';
import { damageMiddle, databaseOfManyPages, removeTempDirs, tempDir } from '../reliability/support';

const open: Backend[] = [];
afterAll(() => {
  for (const backend of open.splice(0)) backend.close();
  removeTempDirs();
});

/** A data folder whose database spans many pages (1,500 tickets), closed. */
function dataFolder(): string {
  const dir = tempDir();
  databaseOfManyPages(dir);
  return dir;
}

function started(dataDir: string, backup: boolean): Backend {
  const backend = createBackend({ dataDir, startupJobs: { backup }, log: () => undefined });
  open.push(backend);
  return backend;
}

describe('start-up checks in the job worker', () => {
  it('answers the first call before the checks end, then checks the file and takes the start-up backup', async () => {
    const dir = dataFolder();
    const backend = started(dir, true);
    let checked = false;
    void backend.startup.then(() => (checked = true));
    const status = await backend.dispatch({ sessionToken: null }, 'auth.status', {});
    expect(status.envelope.ok).toBe(true);
    expect(checked).toBe(false); // the first answer did not wait for them
    const report = await backend.startup;
    expect(report?.integrity).toEqual({ ok: true, detail: 'ok' });
    expect(report?.backup?.path).toBe(listBackups(dir)[0]?.path);
  }, 60_000);

  it('still catches a damaged file: refused at open without startupJobs, reported after start with them', async () => {
    const dir = dataFolder();
    writeFileSync(databasePath(dir), damageMiddle(readFileSync(databasePath(dir))));
    let refused: unknown = null;
    try {
      createBackend({ dataDir: dir }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DatabaseOpenError);
    expect((refused as DatabaseOpenError).reason).toBe('corrupt');

    const backend = started(dir, true);
    const report = await backend.startup;
    expect(report?.integrity.ok).toBe(false);
    expect(report?.integrity.detail).not.toBe('ok');
    expect(report?.backup).toBeNull(); // a damaged file is not copied over the good backups
    expect(listBackups(dir)).toEqual([]);
    // Closing a damaged file closes it, whatever the statistics pass at close reads.
    expect(() => backend.close()).not.toThrow();
    expect(backend.database.sqlite.open).toBe(false);
  }, 60_000);
});
