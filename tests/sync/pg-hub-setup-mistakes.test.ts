// A company admin's usual mistakes with the central hub's database, as the newcomer's trial met them: each is a
// refusal with a reason and words that say what to do (not a stack trace), the password never printed, and a
// database with no team left untouched by commands that only serve or pair.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/contract';
import { openHubDatabase, redacted } from '../../electron/services/sync/pg/pgHubSetup';
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
