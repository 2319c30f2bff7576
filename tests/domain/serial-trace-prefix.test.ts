// Issue 18 polish: the serial trace finds by prefix, as a range the lower(serial_number) index answers (no LIKE scan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixUpperBound, sqliteLower } from '../../electron/services/text';
import { serialTraceSql } from '../../electron/services/workOrders/queries';
import { versionOf } from '../support/versions';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
let code = '';

beforeAll(async () => {
  f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Cambio de routers en tres plantas', customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
  code = wo.code;
  for (const serialNumber of ['RTR-7F3A-0091', 'rtr-7f3a-0092', 'RTR-7F3B-0001', 'RTR-7F3', 'RTS-0001', 'rtq-9', 'RTR-7F3Ä-1']) {
    f.app.clock.advance(60_000);
    await f.admin.call('workOrders.addItem', { id: wo.id, version: await versionOf(f.admin, 'workOrder', wo.id), productId: f.serialProductId, serialNumber });
  }
}, 60_000);

afterAll(() => f?.app.close());

const serialsFor = async (text: string) => (await f.admin.call('workOrders.traceSerial', { serialNumber: text })).map((row) => row.serialNumber);

describe('serial trace by prefix', () => {
  it('finds every serial that starts with the text, in any case; the serial typed in full first, then the newest', async () => {
    expect(await serialsFor('rtr-7f3a')).toEqual(['rtr-7f3a-0092', 'RTR-7F3A-0091']);
    expect(await serialsFor(' RTR-7F3 ')).toEqual(['RTR-7F3', 'RTR-7F3Ä-1', 'RTR-7F3B-0001', 'rtr-7f3a-0092', 'RTR-7F3A-0091']);
    expect(await serialsFor('RTR-7F3A-0091')).toEqual(['RTR-7F3A-0091']);
    expect(await serialsFor('RTR-7F3C')).toEqual([]);
    // Neighbours on both sides of the range stay out.
    expect((await serialsFor('rt')).sort()).toEqual(['RTR-7F3', 'RTR-7F3A-0091', 'RTR-7F3B-0001', 'RTR-7F3Ä-1', 'RTS-0001', 'rtq-9', 'rtr-7f3a-0092'].sort());
    expect(await serialsFor('RTR-7F3Ä')).toEqual(['RTR-7F3Ä-1']);
    const [row] = await f.admin.call('workOrders.traceSerial', { serialNumber: 'RTS' });
    expect(row?.workOrder.code).toBe(code);
  });

  it('is a range on ix_work_order_items_serial_number_lower, not a scan', () => {
    for (const bounded of [true, false]) {
      const plan = f.app.backend.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${serialTraceSql(bounded)}`).all({ low: 'rtr', ...(bounded ? { high: 'rts' } : {}) }) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      expect(details).toMatch(/SEARCH i USING INDEX ix_work_order_items_serial_number_lower \(<expr>>\?( AND <expr><\?)?\)/);
      expect(details).not.toMatch(/SCAN i\b/);
    }
  });

  it('computes the bound of a prefix in SQLite’s byte order', () => {
    expect(prefixUpperBound('rtr')).toBe('rts');
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('\u{10FFFF}')).toBeNull();
    expect(prefixUpperBound('a\u{D7FF}')).toBe('a\u{E000}');
    expect(prefixUpperBound('ä')).toBe('å');
    expect(sqliteLower('RTR-7F3Ä')).toBe('rtr-7f3Ä');
  });
});
