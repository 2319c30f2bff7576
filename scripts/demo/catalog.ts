// Demo customers, categories and products (existing ones with the same name/SKU are reused).
import { recordCapturedOps } from '../../electron/services/sync/capture';
import type Database from 'better-sqlite3';
import { newId } from '../../electron/services/ids';
import type { Random } from './random';
import { spanishContact } from './spain';
import type { DemoProduct } from './story';
import { CATEGORIES, PRODUCTS } from './vocabulary';

export interface DemoCatalog {
  customers: { id: string; name: string }[];
  categoryIds: string[];
  products: DemoProduct[];
}

/** `since`: when the demo's history starts; the catalogue predates it, so no customer is newer than its tickets. */
export function ensureDemoCatalog(sqlite: Database.Database, customerCount: number, random: Random, since: Date): DemoCatalog {
  const at = new Date(since.getTime() - 7 * 24 * 60 * 60_000).toISOString();
  const { faker } = random;
  const insertCustomer = sqlite.prepare(
    `INSERT INTO customers (id, name, contact_name, phone, email, address, town, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insertCategory = sqlite.prepare(
    'INSERT INTO ticket_categories (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const insertProduct = sqlite.prepare(
    `INSERT INTO products (id, sku, name, description, tracks_serial, unit, created_at, updated_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  return sqlite.transaction(() => {
    const customers: { id: string; name: string }[] = [];
    for (let i = 0; i < customerCount; i++) {
      const name = faker.company.name();
      const contact = faker.person.fullName();
      const id = newId();
      const email = faker.internet.email({ firstName: contact.split(' ')[0], provider: 'example.com' }).toLowerCase();
      const { address, town, phone } = spanishContact(random);
      insertCustomer.run(id, name, contact, phone, email, address, town, at, at);
      customers.push({ id, name });
    }
    for (const [name, description] of CATEGORIES) insertCategory.run(newId(), name, description, at, at);
    PRODUCTS.forEach(([prefix, name, tracksSerial, unit], i) => insertProduct.run(newId(), `${prefix}-${1000 + i}`, name, tracksSerial ? 1 : 0, unit ?? 'unit', at, at));
    recordCapturedOps(sqlite, null, Date.now());
    const categoryIds = (
      sqlite.prepare('SELECT id FROM ticket_categories WHERE name IN (SELECT value FROM json_each(?))').all(JSON.stringify(CATEGORIES.map((c) => c[0]))) as { id: string }[]
    ).map((r) => r.id);
    const products = (
      sqlite.prepare('SELECT id, sku, name, tracks_serial AS tracksSerial, unit FROM products ORDER BY sku').all() as (Omit<DemoProduct, 'tracksSerial'> & { tracksSerial: number })[]
    ).map((p) => ({ ...p, tracksSerial: p.tracksSerial === 1 }));
    return { customers, categoryIds, products };
  })();
}
