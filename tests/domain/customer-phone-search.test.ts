// Customer search by phone (customerFolds.ts, migration 0036): a query of digits and separators finds a phone whatever
// separators either side holds, and a leading +CC/00CC of the company's country (its own phone's) is dropped; a text
// query matches exactly what it matched before. On real SQLite files, through the router (the picker and
// Administración → Clientes both call customers.list), and across the upgrade from the schema before.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { newId } from '../../electron/services/ids';
import { callingCodeOf, customerFoldsDrift, phoneSearchKey } from '../../electron/services/customerFolds';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { foldForSearch } from '../../db/open';
import { buildFixtureDatabase } from '../../scripts/fixtures/build';
import { Caller, startTestApp, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';

let app: TestApp | null = null;
const dirs: string[] = [];
afterEach(() => {
  app?.close();
  app = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const namesFound = async (caller: Caller, q: string) =>
  ((await caller.call('customers.list', { q, limit: 500 })) as { name: string }[]).map((c) => c.name).sort();

describe('customer search by phone', () => {
  it('a query of digits finds a spaced phone, and a spaced, dashed, dotted or bracketed one finds an unspaced phone', async () => {
    app = await startTestApp();
    for (const [name, phone] of [
      ['Bar Pepe', '965 123 456'],
      ['Ferretería Luna', '965123456'],
      ['Óptica Sur', '(965) 12-34-56'],
      ['Talleres Norte', '+34 965.123.457'],
      ['Clínica Dental', '600 111 222'],
    ]) {
      await app.admin.call('customers.create', { name: name!, phone: phone! });
    }
    const all = ['Bar Pepe', 'Ferretería Luna', 'Óptica Sur'];
    for (const q of ['965123456', '965 123 456', '965-123-456', '965.123.456', '965/123/456', '(965) 123 456', '965 12 34 56', ' 965123456 ']) {
      expect(await namesFound(app.admin, q), q).toEqual(all);
    }
    // Part of a number, as it is being typed, either way spaced.
    expect(await namesFound(app.admin, '965 123')).toEqual([...all, 'Talleres Norte'].sort());
    expect(await namesFound(app.admin, '5123')).toEqual([...all, 'Talleres Norte'].sort());
    expect(await namesFound(app.admin, '34 56')).toEqual(all);
    // The whole number with its prefix finds a phone stored with one; the prefix of the company's country is next.
    expect(await namesFound(app.admin, '+34 965 123 457')).toEqual(['Talleres Norte']);
    expect(await namesFound(app.admin, '34965123457')).toEqual(['Talleres Norte']);
    expect(await namesFound(app.admin, '600111222')).toEqual(['Clínica Dental']);
    expect(await namesFound(app.admin, '965123458')).toEqual([]);
  });

  it("drops a leading +CC or 00CC of the company's country, read from the company's own phone", async () => {
    app = await startTestApp();
    await app.admin.call('customers.create', { name: 'Bar Pepe', phone: '965 123 456' });
    await app.admin.call('customers.create', { name: 'Pub Londres', phone: '+44 20 7946 0958' });
    // No company phone yet: no country to drop, so the national number is not found from its international form.
    expect(await namesFound(app.admin, '+34 965 123 456')).toEqual([]);
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyPhone: '+34 960 000 000' });
    for (const q of ['+34 965 123 456', '+34965123456', '0034 965 123 456', '(+34) 965-123-456']) {
      expect(await namesFound(app.admin, q), q).toEqual(['Bar Pepe']);
    }
    // Another country's prefix is the number's own.
    expect(await namesFound(app.admin, '+44 20 7946 0958')).toEqual(['Pub Londres']);
    expect(await namesFound(app.admin, '+44 965 123 456')).toEqual([]);
  });

  it('reads the country and the query key as written', () => {
    expect(callingCodeOf('+34 965 000 000')).toBe('34');
    expect(callingCodeOf('0034 965 000 000')).toBe('34');
    expect(callingCodeOf('(+34) 965 000 000')).toBe('34');
    expect(callingCodeOf('+1-555-0100')).toBe('1');
    expect(callingCodeOf('+34965000000')).toBeNull(); // the code's end cannot be told
    expect(callingCodeOf('965 000 000')).toBeNull();
    expect(callingCodeOf('')).toBeNull();
    const spain = () => '34';
    expect(phoneSearchKey('+34 965 123 456', spain)).toBe('965123456');
    expect(phoneSearchKey('0034-965-123-456', spain)).toBe('965123456');
    expect(phoneSearchKey('+34', spain)).toBe('+34'); // nothing after the prefix: kept as typed
    expect(phoneSearchKey('+44 20 7946', spain)).toBe('+44207946');
    expect(phoneSearchKey('(965) 12.34/56', () => null)).toBe('965123456');
    let asked = 0;
    expect(phoneSearchKey('965 123', () => String(++asked))).toBe('965123');
    expect(asked).toBe(0); // the setting is read only for an international form
    for (const text of ['pepe', 'ext. 12', '965 123 ext', '+', '-', '', '965+1', '1.5 kg']) expect(phoneSearchKey(text, spain), text).toBeNull();
  });

  it('a text query finds exactly what folding each field finds, a name with digits too', async () => {
    app = await startTestApp();
    const people = [
      { name: 'Talleres 2000', phone: '954 300 011' },
      { name: 'Grúas Levante', phone: '961 20 00 33' },
      { name: 'Bar Pepe', phone: '965 123 456 ext. 12' },
      { name: 'Peña Ñandú', contactName: 'Pepe Ruiz', email: 'pepe@nandu.es', phone: null },
      { name: 'Óptica 100% Visión', phone: '600-100-100' },
    ];
    for (const person of people) await app.admin.call('customers.create', person);
    const sqlite = app.backend.database.sqlite;
    const rows = sqlite.prepare('SELECT name, contact_name, email, phone FROM customers').all() as Record<string, string | null>[];
    const folding = (q: string) =>
      rows
        .filter((c) => [c.name, c.contact_name, c.email, c.phone].some((field) => field != null && foldForSearch(field).includes(foldForSearch(q.trim()))))
        .map((c) => c.name as string)
        .sort();
    // Not phone-like: as before, the separators count ('456ext' is in no field as typed).
    for (const q of ['pepe', 'PEÑA', 'ext. 12', '456 ext', '456ext', '100%', '600-100 x', 'nadie']) {
      expect(await namesFound(app.admin, q), q).toEqual(folding(q));
    }
    expect(await namesFound(app.admin, '456ext')).toEqual([]);
    // Phone-like: what it found before and the phones whose digits hold it.
    expect(folding('2000')).toEqual(['Talleres 2000']);
    expect(await namesFound(app.admin, '2000')).toEqual(['Grúas Levante', 'Talleres 2000']);
    expect(await namesFound(app.admin, '300011')).toEqual(['Talleres 2000']);
    expect(await namesFound(app.admin, '100')).toEqual(['Óptica 100% Visión']);
    expect(await namesFound(app.admin, '100100')).toEqual(['Óptica 100% Visión']);
  });

  it('a customer written around the app, still marked unknown, is found by phone while another connection writes', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const id = newId();
    sqlite.prepare('INSERT INTO customers (id, name, phone) VALUES (?, ?, ?)').run(id, 'Bar Pepe', '965-12-34-56');
    expect(sqlite.prepare('SELECT name_fold, phone_key FROM customer_folds WHERE customer_id = ?').get(id)).toEqual({ name_fold: null, phone_key: null });
    const other = new Database(app.backend.database.path);
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(await namesFound(app.admin, '965123456')).toEqual(['Bar Pepe']);
      expect(await namesFound(app.admin, '965 1234')).toEqual(['Bar Pepe']);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    await app.admin.call('customers.create', { name: 'Otro' }); // a write folds the marked rows
    expect(sqlite.prepare('SELECT phone_fold, phone_key FROM customer_folds WHERE customer_id = ?').get(id)).toEqual({ phone_fold: '965-12-34-56', phone_key: '965123456' });
  });

  it('a copy at the schema before upgrades: its folded rows are marked again and folded with their keys at start', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emerald-phone-'));
    dirs.push(dir);
    const file = databasePath(dir);
    const previous = schemaVersionOf(defaultMigrationsFolder()) - 1;
    buildFixtureDatabase(file, previous);
    // As that build left it: a customer made and every row folded its way (no phone key then).
    const old = new Database(file);
    try {
      old.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
      const columns = (old.pragma('table_info(customer_folds)') as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('phone_key');
      old.prepare("INSERT INTO customers (id, name, phone, created_at, updated_at) VALUES (?, 'Bar Pepe', '965 123 456', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(newId());
      old.exec(`UPDATE customer_folds SET (name_fold, contact_name_fold, email_fold, phone_fold, name_sort) =
        (SELECT fold(trim(c.name)), fold(c.contact_name), fold(c.email), fold(c.phone), lower(c.name) FROM customers c WHERE c.id = customer_folds.customer_id)`);
      expect(old.prepare('SELECT count(*) AS n FROM customer_folds WHERE name_fold IS NULL').get()).toEqual({ n: 0 });
    } finally {
      old.close();
    }
    const backend = createBackend({ dataDir: dir, log: () => undefined });
    try {
      const sqlite = backend.database.sqlite;
      expect(sqlite.pragma('user_version', { simple: true })).toBe(previous + 1);
      expect(sqlite.prepare("SELECT phone_key FROM customer_folds f JOIN customers c ON c.id = f.customer_id WHERE c.name = 'Bar Pepe'").get()).toEqual({ phone_key: '965123456' });
      expect(sqlite.prepare('SELECT count(*) AS n FROM customer_folds WHERE name_fold IS NULL').get()).toEqual({ n: 0 });
      expect(customerFoldsDrift(sqlite)).toBe(0);
      // The fixture's customer, stored as '+34 600 000 000', by its national number.
      const admin = new Caller(backend);
      admin.token = backend.sessions.create((sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id);
      expect(await namesFound(admin, '965123456')).toEqual(['Bar Pepe']);
      expect(await namesFound(admin, '600000000')).toEqual(['Ferretería Núñez']);
    } finally {
      backend.close();
    }
  });
});
