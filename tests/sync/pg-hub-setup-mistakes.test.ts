// A company admin's usual mistakes with the central hub's database, as the newcomer's trial met them: each is a
// refusal with a reason and words that say what to do (not a stack trace), the password never printed, and a
// database with no team left untouched by commands that only serve or pair.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/contract';
import { openHubDatabase, redacted } from '../../electron/services/sync/pg/pgHubSetup';
import { passwordFromFile } from '../../electron/services/sync/pg/pgPassword';
import { startPostgres, type TestPostgres } from '../support/postgres';

let cluster: TestPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function refusal(promise: Promise<unknown>): Promise<{ reason: unknown; message: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return { reason: (error as AppError).details?.reason, message: (error as AppError).message };
}

const asUser = (url: string, user: string) => url.replace(/\/\/[^@]*@/, `//${user}@`);

async function tables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT count(*)::integer AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('the central hub database: an admin’s mistakes', () => {
  it('never prints a password, even one holding an unencoded @, # or /', () => {
    expect(redacted('postgres://emerald:p@ss#w/rd1@db.example:5432/emerald')).toBe('postgres://emerald:***@db.example:5432/emerald');
    expect(redacted('postgres://emerald:secreto@127.0.0.1:5432/emerald')).toBe('postgres://emerald:***@127.0.0.1:5432/emerald');
    expect(redacted('postgres://emerald@127.0.0.1/emerald')).toBe('postgres://emerald@127.0.0.1/emerald');
    expect(redacted('postgres://127.0.0.1/emerald')).toBe('postgres://127.0.0.1/emerald');
  });

  it('a database that does not exist is database_missing, saying to create it', async () => {
    const { reason, message } = await refusal(openHubDatabase(cluster.url('emerlad')));
    expect(reason).toBe('database_missing');
    expect(message).toMatch(/CREATE DATABASE/);
  });

  it('tables owned by another role (a restore run as another user) are database_permission, naming pg_restore --role', async () => {
    const url = await cluster.createDatabase();
    await (await openHubDatabase(url)).end();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE ROLE clerk LOGIN');
    await admin.end();
    const { reason, message } = await refusal(openHubDatabase(asUser(url, 'clerk')));
    expect(reason).toBe('database_permission');
    expect(message).toMatch(/--role/);
  });

  it('serving or pairing on a database with no team is not_in_team and writes nothing there', async () => {
    const url = await cluster.createDatabase();
    const { reason } = await refusal(openHubDatabase(url, { requireTeam: true }));
    expect(reason).toBe('not_in_team');
    expect(await tables(url)).toBe(0);
  });
});

describe('the central hub database: its password', () => {
  const target = { host: '127.0.0.1', port: 5432, database: 'emerald', user: 'emerald' };

  it('reads the password file as libpq does: first matching line, * for anything, \\: and \\\\ escaped, comments skipped', () => {
    const file = ['# the office', 'db.example:5432:emerald:emerald:other', '127.0.0.1:*:emerald:emerald:pa\\:ss\\\\1', '*:*:*:*:fallback'].join('\n');
    expect(passwordFromFile(file, target)).toBe('pa:ss\\1');
    expect(passwordFromFile(file, { ...target, database: 'otra' })).toBe('fallback');
    expect(passwordFromFile('127.0.0.1:5432:emerald:emerald', target)).toBeNull();
    expect(passwordFromFile('localhost:5432:emerald:emerald:socket', { ...target, host: '/var/run/postgresql' })).toBe('socket');
  });

  describe('a role that must give one (scram-sha-256 on loopback)', () => {
    const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
    let dir = '';
    let url = '';
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'emerald-pgpass-'));
      const adminUrl = await cluster.createDatabase();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query("CREATE ROLE keeper LOGIN PASSWORD 'clave-del-hub-1'");
        await admin.query('CREATE DATABASE keeper_hub OWNER keeper');
        // Only this role must give a password; the cluster's own lines (trust) stay for everyone else.
        const hbaFile = (await admin.query<{ hba_file: string }>('SHOW hba_file')).rows[0]!.hba_file;
        writeFileSync(hbaFile, `host all keeper 127.0.0.1/32 scram-sha-256\n${readFileSync(hbaFile, 'utf8')}`);
        await admin.query('SELECT pg_reload_conf()');
      } finally {
        await admin.end();
      }
      url = asUser(cluster.url('keeper_hub'), 'keeper');
    });
    afterEach(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const passFile = (mode: number) => {
      const file = path.join(dir, `pgpass-${mode.toString(8)}`);
      writeFileSync(file, `127.0.0.1:${cluster.port}:keeper_hub:keeper:clave-del-hub-1\n`);
      chmodSync(file, mode);
      return file;
    };

    it('none given is database_password_missing, saying where to put it (not pg’s "client password must be a string")', async () => {
      delete process.env.PGPASSWORD;
      process.env.PGPASSFILE = path.join(dir, 'none');
      const { reason, message } = await refusal(openHubDatabase(url));
      expect(reason).toBe('database_password_missing');
      expect(message).toMatch(/PGPASSWORD/);
      expect(message).toContain(path.join(dir, 'none'));
    });

    it('a password file others may read is not used, and the refusal says to chmod 600 it; at 600 it opens', async () => {
      delete process.env.PGPASSWORD;
      process.env.PGPASSFILE = passFile(0o644);
      const { reason, message } = await refusal(openHubDatabase(url));
      expect(reason).toBe('database_password_missing');
      expect(message).toMatch(/chmod 600/);
      process.env.PGPASSFILE = passFile(0o600);
      await (await openHubDatabase(url)).end();
    });

    it('PGPASSWORD or the URL’s password comes before the file', async () => {
      process.env.PGPASSFILE = path.join(dir, 'none');
      process.env.PGPASSWORD = 'clave-del-hub-1';
      await (await openHubDatabase(url)).end();
      delete process.env.PGPASSWORD;
      await (await openHubDatabase(url.replace('//keeper@', '//keeper:clave-del-hub-1@'))).end();
    });
  });
});
