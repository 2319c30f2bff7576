// Issue 18.6: the data folder, the database with its -wal/-shm, backups and every copy Emerald makes hold password
// hashes, the socket token and customer data: folders 0700, files 0600, whatever the umask. Modes are read with
// statSync (CI runs as root, so trying to read as someone else would prove nothing).
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, restoreDatabase } from '../../db/reliability';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { removeTempDirs, tempDir } from '../db/helpers';
import { ADMIN } from '../support/backend';

const mode = (file: string) => statSync(file).mode & 0o777;
const octal = (file: string) => `${path.basename(file)} ${mode(file).toString(8)}`;

let previousUmask: number;
beforeAll(() => {
  previousUmask = process.umask(0o022); // the usual default, which makes new files 644 and folders 755
});
afterAll(() => {
  process.umask(previousUmask);
  removeTempDirs();
});

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('a new data folder, its database, -wal, -shm, backups folder and backup are 0700/0600', async () => {
    const dataDir = path.join(tempDir(), 'datos');
    const backend = createBackend({ dataDir });
    try {
      await backend.dispatch({ sessionToken: null }, 'auth.setup', ADMIN);
      const file = databasePath(dataDir);
      expect(octal(dataDir)).toBe('datos 700');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(octal(f)).toBe(`${path.basename(f)} 600`);
      const backup = await createBackup(dataDir, backend.database.sqlite);
      expect(octal(path.dirname(backup.path))).toBe('backups 700');
      expect(octal(backup.path)).toBe(`${backup.fileName} 600`);
    } finally {
      backend.close();
    }
  });

  it('an existing install made before the fix is tightened when it opens', () => {
    const dataDir = path.join(tempDir(), 'antiguo');
    createBackend({ dataDir }).close();
    const file = databasePath(dataDir);
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    const backend = createBackend({ dataDir });
    try {
      expect(octal(dataDir)).toBe('antiguo 700');
      expect(octal(file)).toBe(`${path.basename(file)} 600`);
    } finally {
      backend.close();
    }
  });

  it('the copy before a migration and the files a restore leaves are 0600', async () => {
    const dataDir = path.join(tempDir(), 'migrado');
    mkdirSync(dataDir);
    const file = databasePath(dataDir);
    copyFileSync(path.join(__dirname, '../fixtures/emerald-v8.db'), file);
    chmodSync(file, 0o644);
    const backend = createBackend({ dataDir });
    expect(backend.database.preMigrationCopy).not.toBeNull();
    expect(mode(backend.database.preMigrationCopy!)).toBe(0o600);
    const backup = await createBackup(dataDir, backend.database.sqlite);
    // A backup file handed over by someone else, readable by all: the restored database must not stay that way.
    chmodSync(backup.path, 0o644);
    const result = restoreDatabase({ file, from: backup.path, live: backend.database });
    try {
      expect(mode(file)).toBe(0o600);
      expect(result.previousCopy && mode(result.previousCopy)).toBe(0o600);
      const leftovers = readdirSync(dataDir).filter((name) => name.startsWith('emerald.db'));
      for (const name of leftovers) expect(octal(path.join(dataDir, name))).toBe(`${name} 600`);
    } finally {
      result.database.close();
    }
  });

  it('writeFileSync-made files are not what Emerald relies on: a plain file here would be 644 (the umask is in force)', () => {
    const probe = path.join(tempDir(), 'probe.txt');
    writeFileSync(probe, 'x');
    expect(mode(probe)).toBe(0o644);
  });
});
