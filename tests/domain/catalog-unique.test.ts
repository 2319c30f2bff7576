// A catalog's unique field (a product's SKU, a category's name) is refused when another row names the same thing in
// any case or Unicode spelling. The check reads only the rows that can clash (catalog.ts assertUnique); the oracle
// here is the old rule: the value's login key against every row's, in JavaScript.
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../electron/contract';
import { loginKey } from '../../electron/contract/auth';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp | null = null;
afterEach(() => app?.close());

const KELVIN = '\u212a';
const decomposed = (text: string) => text.normalize('NFD');
/** 'saved', or the refusal's reason. */
const outcome = (envelope: Envelope<unknown>) => (envelope.ok ? 'saved' : envelope.error.details?.reason);

describe('catalog unique fields', () => {
  it('refuses a SKU exactly when some product has the same login key, ASCII or not, and a row may keep its own', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    for (const sku of ['ABC-1', 'Ñandú-2', `${KELVIN}1`, 'k2', 'ÉCLAIR', decomposed('Señal-7'), 'İstanbul']) {
      await app.admin.call('products.create', { sku, name: `Pieza ${sku}` });
    }
    const attempts = ['abc-1', 'ABC-1 ', 'ñandú-2', decomposed('ÑANDÚ-2'), 'k1', 'K1', `${KELVIN}2`, 'eclair', 'éclair', 'señal-7', 'SEÑAL-7', 'i̇stanbul', 'istanbul', 'nuevo-9'];
    for (const sku of attempts) {
      const keys = (sqlite.prepare('SELECT sku FROM products').pluck().all() as string[]).map(loginKey);
      const clashes = keys.includes(loginKey(sku.trim())); // the contract trims what is typed
      expect(outcome(await app.admin.envelope('products.create', { sku, name: `Otra ${sku}` })), sku).toBe(clashes ? 'duplicate' : 'saved');
    }
    // A row saved again under its own SKU in another spelling clashes with nothing but itself.
    const own = (await app.admin.call('products.list', { q: 'ñandú' }))[0]!;
    const saved = await app.admin.call('products.update', { id: own.id, version: own.version, sku: decomposed('ÑANDÚ-2') });
    expect(saved.sku).toBe(decomposed('ÑANDÚ-2'));
  });

  it('refuses a category named like another in any case or accent spelling', async () => {
    app = await startTestApp();
    await app.admin.call('categories.create', { name: 'Electrónica' });
    expect(outcome(await app.admin.envelope('categories.create', { name: decomposed('ELECTRÓNICA') }))).toBe('duplicate');
    expect(outcome(await app.admin.envelope('categories.create', { name: 'Electronica' }))).toBe('saved');
  });
});
