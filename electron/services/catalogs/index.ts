import { count, eq } from 'drizzle-orm';
import { customers, products, ticketCategories, tickets, workOrderItems } from '../../../db/schema';
import type { CategoryDto, CustomerDto, ProductDto } from '../../contract';
import { callingCodeOf, customerSearchSql, phoneSearchKey } from '../customerFolds';
import { prepared } from '../sql';
import { containsPattern } from '../text';
import { readSetting } from '../settings';
import { catalogService } from './catalog';


export const categories = catalogService<typeof ticketCategories.$inferSelect, CategoryDto>({
  table: ticketCategories,
  entity: 'category',
  label: 'category',
  unique: { field: 'name', column: ticketCategories.name },
  toDto: (r) => ({ id: r.id, name: r.name, description: r.description, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt }),
  usage: (db, id) => db.select({ n: count() }).from(tickets).where(eq(tickets.categoryId, id)).get()?.n ?? 0,
});

export const customerCatalog = catalogService<typeof customers.$inferSelect, CustomerDto>({
  table: customers,
  entity: 'customer',
  label: 'customer',
  searchColumns: [customers.contactName, customers.email, customers.phone],
  // Kept folded by customerFolds.ts: a search reads one index instead of folding every customer's four fields. A
  // phone-like one also compares phone keys, dropping a leading prefix of the country of the company's own phone.
  search: (ctx, { q, foldedPattern }, limit) => {
    const phoneKey = phoneSearchKey(q, () => callingCodeOf(readSetting(ctx.sqlite, 'companyPhone')));
    const params = phoneKey === null ? { pattern: foldedPattern } : { pattern: foldedPattern, key: containsPattern(phoneKey) };
    return prepared(ctx.sqlite, customerSearchSql(limit, phoneKey !== null)).all(params) as (typeof customers.$inferSelect)[];
  },
  toDto: (r) => ({
    id: r.id,
    name: r.name,
    contactName: r.contactName,
    phone: r.phone,
    email: r.email,
    address: r.address,
    town: r.town,
    notes: r.notes,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  usage: (db, id) => db.select({ n: count() }).from(tickets).where(eq(tickets.customerId, id)).get()?.n ?? 0,
});

export const productCatalog = catalogService<typeof products.$inferSelect, ProductDto>({
  table: products,
  entity: 'product',
  label: 'product',
  searchColumns: [products.sku],
  unique: { field: 'sku', column: products.sku },
  toDto: (r) => ({
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    tracksSerial: r.tracksSerial,
    unit: r.unit,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  usage: (db, id) => db.select({ n: count() }).from(workOrderItems).where(eq(workOrderItems.productId, id)).get()?.n ?? 0,
});
