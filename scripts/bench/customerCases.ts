// The customer page (issue 16 part 6) in the benchmark: customers.history against the same rows read by hand.
import type { Call } from './measure';
import type { ServiceContext } from '../../electron/services/context';
import { customerHistory } from '../../electron/services/customers';
import { customerCatalog } from '../../electron/services/catalogs';
import { PHONE_KEY } from '../../electron/services/customerFolds';
import { containsPattern } from '../../electron/services/text';
import { foldForSearch } from '../../db/open';
import { CUSTOMER_PICKER_LIMIT } from '../../renderer/src/features/customers/pickerLimit';
import type { Fixtures, ReadCase } from './cases';


export function customerCases(call: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const q = (sql: string) => ctx.sqlite.prepare(sql);
  // The customer, then its newest 50 tickets, OTs and serials, each with its total when there are more.
  const customer = q('SELECT * FROM customers WHERE id = ?');
  const tickets = q('SELECT id, code, title, status, priority, created_at FROM tickets WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 50');
  const ticketTotal = q('SELECT count(*) AS n FROM tickets WHERE customer_id = ?');
  const orders = q(`SELECT w.id, w.code, w.ticket_id, t.code AS ticket_code, w.ot_type, w.status, w.scheduled_date, w.completed_at, w.created_at,
    u.id AS tech_id, u.full_name, u.username FROM tickets t JOIN work_orders w ON w.ticket_id = t.id LEFT JOIN users u ON u.id = w.technician_id
    WHERE t.customer_id = ? ORDER BY w.created_at DESC, w.id DESC LIMIT 50`);
  const orderTotal = q('SELECT count(*) AS n FROM tickets t JOIN work_orders w ON w.ticket_id = t.id WHERE t.customer_id = ?');
  const serials = q(`SELECT i.id, i.serial_number, i.consumed_at, p.id AS product_id, p.name, p.sku, w.id AS wo_id, w.code, w.status,
    t.id AS ticket_id, t.code AS ticket_code
    FROM tickets t JOIN work_orders w ON w.ticket_id = t.id JOIN work_order_items i ON i.work_order_id = w.id LEFT JOIN products p ON p.id = i.product_id
    WHERE t.customer_id = ? AND i.serial_number IS NOT NULL AND i.serial_number <> '' ORDER BY i.consumed_at DESC, i.id DESC LIMIT 50`);
  const serialTotal = q(`SELECT count(*) AS n FROM tickets t JOIN work_orders w ON w.ticket_id = t.id JOIN work_order_items i ON i.work_order_id = w.id
    WHERE t.customer_id = ? AND i.serial_number IS NOT NULL AND i.serial_number <> ''`);
  // The customer picker's search (every customer's name, contact, email and phone, kept folded: customerFolds.ts).
  const folded = "name_fold LIKE @pattern ESCAPE '\\' OR contact_name_fold LIKE @pattern ESCAPE '\\' OR email_fold LIKE @pattern ESCAPE '\\' OR phone_fold LIKE @pattern ESCAPE '\\'";
  const matching = q(`SELECT * FROM customers WHERE id IN (
      SELECT customer_id FROM (SELECT customer_id FROM customer_folds WHERE ${folded} ORDER BY name_sort LIMIT ${CUSTOMER_PICKER_LIMIT})
      UNION ALL SELECT f.customer_id FROM customer_folds f JOIN customers c ON c.id = f.customer_id WHERE f.name_fold IS NULL
        AND (fold(trim(c.name)) LIKE @pattern ESCAPE '\\' OR fold(c.contact_name) LIKE @pattern ESCAPE '\\' OR fold(c.email) LIKE @pattern ESCAPE '\\' OR fold(c.phone) LIKE @pattern ESCAPE '\\'))
    ORDER BY lower(name) LIMIT ${CUSTOMER_PICKER_LIMIT}`);
  // A phone-like search compares the phone's key too (separators dropped both sides).
  const byPhone = q(`SELECT * FROM customers WHERE id IN (
      SELECT customer_id FROM (SELECT customer_id FROM customer_folds WHERE ${folded} OR phone_key LIKE @key ESCAPE '\\' ORDER BY name_sort LIMIT ${CUSTOMER_PICKER_LIMIT})
      UNION ALL SELECT f.customer_id FROM customer_folds f JOIN customers c ON c.id = f.customer_id WHERE f.name_fold IS NULL
        AND (fold(trim(c.name)) LIKE @pattern ESCAPE '\\' OR fold(c.contact_name) LIKE @pattern ESCAPE '\\' OR fold(c.email) LIKE @pattern ESCAPE '\\' OR fold(c.phone) LIKE @pattern ESCAPE '\\'
          OR ${PHONE_KEY} LIKE @key ESCAPE '\\'))
    ORDER BY lower(name) LIMIT ${CUSTOMER_PICKER_LIMIT}`);
  // The busiest customer's number as caller ID shows it, without the country's prefix ('+34 930 708 061' → '930708061').
  const phone = (customer.get(f.customerId) as { phone: string | null }).phone ?? '';
  const callerId = phone.replace(/^\+\d{1,3} /, '').replace(/\D/g, '') || '000000000';
  // As someone types in the picker: the first letter (most customers match; the list stops at its limit) and a word
  // nobody holds (every customer is read).
  const pickerSearches: [string, string][] = [
    ['customer picker: first letter typed', 'a'],
    ['customer picker: a search nobody matches', 'zxqj'],
  ];
  return [
    ...pickerSearches.map(([name, text]): ReadCase => ({
      name,
      group: 'customer',
      service: () => customerCatalog.list(ctx, { q: text, limit: CUSTOMER_PICKER_LIMIT }),
      router: () => call('customers.list', { q: text, limit: CUSTOMER_PICKER_LIMIT }),
      raw: () => matching.all({ pattern: foldForSearch(containsPattern(text)) }),
    })),
    {
      // Every customer's key is read (one matches): the worst case of a phone search, like a word nobody holds.
      name: 'customer picker: a phone as caller ID shows it',
      group: 'customer',
      service: () => customerCatalog.list(ctx, { q: callerId, limit: CUSTOMER_PICKER_LIMIT }),
      router: () => call('customers.list', { q: callerId, limit: CUSTOMER_PICKER_LIMIT }),
      raw: () => byPhone.all({ pattern: foldForSearch(containsPattern(callerId)), key: containsPattern(callerId) }),
    },
    {
      // The busiest customer of the dataset: its OTs and serials pass 50, so sections are cut and counted (the worst case).
      name: 'customer page',
      group: 'customer',
      service: () => customerHistory(ctx, { id: f.customerId }),
      router: () => call('customers.history', { id: f.customerId }),
      raw: () => {
        const id = f.customerId;
        return [customer.get(id), tickets.all(id), ticketTotal.get(id), orders.all(id), orderTotal.get(id), serials.all(id), serialTotal.get(id)];
      },
    },
  ];
}
