import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketSummary } from '../../electron/contract';
import { toFtsQuery } from '../../electron/services/search/ftsQuery';
import { PRIORITY_RANK } from '../../electron/services/tickets/list';
import { startDomainApp, type DomainFixture } from './fixtures';
import { versionOf } from '../support/versions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

/** Lexicographic comparison of sort keys: > 0 when a sorts after b. */
function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

const codesOf = (items: TicketSummary[]) => items.map((t) => t.code).sort();

describe('full-text search', () => {
  it('follows status changes and activity: the status tabs and the order of results stay right after edits', async () => {
    const older = await f.admin.call('tickets.create', { title: 'Compresor de la cámara uno', description: '' });
    const newer = await f.admin.call('tickets.create', { title: 'Compresor de la cámara dos', description: '' });
    const search = async (status?: ('open' | 'in_progress')[]) =>
      (await f.admin.call('tickets.list', { q: 'compresor camara', ...(status ? { status } : {}) })).items.map((t) => t.code);
    expect(await search(['open'])).toEqual([newer.code, older.code]);
    f.app.clock.advance(60_000);
    await f.admin.call('tickets.changeStatus', { id: older.id, status: 'in_progress', version: older.version });
    expect(await search(['open'])).toEqual([newer.code]);
    expect(await search(['in_progress'])).toEqual([older.code]);
    // The change made `older` the most recently active one.
    expect(await search()).toEqual([older.code, newer.code]);
  });

  it('folds accents, matches prefixes, ANDs terms and finds codes, customers and timeline text', async () => {
    const a = await f.admin.call('tickets.create', { title: 'Visita del técnico a la clínica', description: 'Revisar compresor', customerId: f.customerId });
    const b = await f.admin.call('tickets.create', { title: 'Compresor ruidoso', description: 'Hace un ruido extraño' });
    await f.admin.call('tickets.addNote', { id: b.id, content: 'Pieza pedida al proveedor Fríomax' });
    const search = async (q: string) => codesOf((await f.admin.call('tickets.list', { q })).items);

    expect(await search('tecnico')).toEqual([a.code]);
    expect(await search('TÉCNICO')).toEqual([a.code]);
    expect(await search('compre')).toEqual([a.code, b.code].sort());
    expect(await search('compresor clinica')).toEqual([a.code]);
    expect(await search('sonrisa')).toEqual([a.code]);
    expect(await search('friomax')).toEqual([b.code]);
    expect(await search(a.code)).toEqual([a.code]);
    expect(await search(b.code.split('-')[2] ?? '')).toEqual([b.code]);
    expect(await search('   ')).toEqual([a.code, b.code].sort());
    // A code is one phrase: another ticket that mentions its parts apart does not match.
    const [, year, number] = a.code.split('-');
    await f.admin.call('tickets.addNote', { id: b.id, content: `Pedido ${year}, albarán ${number}` });
    expect(await search(a.code)).toEqual([a.code]);
    expect(await search(`${year} ${number}`)).toEqual([a.code, b.code].sort());
  });

  it('never breaks on hostile input', async () => {
    await f.admin.call('tickets.create', { title: 'Ticket normal' });
    const hostile = ['"', '*', 'NEAR(', ')', '-', ':', 'AND OR NOT', '"unbalanced', 'a"b"c', '🔥🚒', 'title:x', '-ticket', '^x', '(a OR b', '*"*', "'; DROP TABLE tickets; --", '\u0301', 'İ', '\u200d', '\u0000'];
    for (const q of hostile) {
      const env = await f.admin.envelope('tickets.list', { q });
      expect(env.ok, `q=${q}`).toBe(true);
      const counts = await f.admin.envelope('tickets.counts', { q });
      expect(counts.ok, `counts q=${q}`).toBe(true);
    }
    // Any text at all, including control characters, lone surrogates and FTS operators, is a valid query.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...hostile)), async (q) => {
        const env = await f.admin.envelope('tickets.list', { q });
        expect(env.ok, `q=${JSON.stringify(q)}`).toBe(true);
        const query = toFtsQuery(q);
        if (query !== null) expect(query).toMatch(/^"[\p{L}\p{M}\p{N}]+( [\p{L}\p{M}\p{N}]+)*"\*( "[\p{L}\p{M}\p{N}]+( [\p{L}\p{M}\p{N}]+)*"\*)*$/u);
      }),
      { numRuns: 150 },
    );
    expect(toFtsQuery('NEAR( "a" - b:c')).toBe('"near"* "a"* "b c"*');
    expect(toFtsQuery('🔥 * " ) :')).toBeNull();
  });
});

describe('ticket list', () => {
  async function seed(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = await f.admin.call('tickets.create', {
        title: `Incidencia número ${i}`,
        priority: TICKET_PRIORITIES[i % 4],
        ...(i % 3 === 0 ? { assignedToId: f.tec1.id } : {}),
      });
      if (i % 4 === 1) await f.admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
      if (i % 5 === 2) await f.admin.call('tickets.close', { id: t.id, resolution: 'ok', version: (await f.admin.call('tickets.get', { id: t.id })).version });
      // Same instant for pairs, so ties on the sort key must be broken by id.
      if (i % 2 === 1) f.app.clock.advance(1000);
      ids.push(t.id);
    }
    return ids;
  }

  it.each(['updated_at', 'created_at', 'priority'] as const)('keyset pages sorted by %s return every ticket exactly once, in order', async (sort) => {
    const ids = await seed(23);
    const seen: TicketSummary[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await f.admin.call('tickets.list', { sort, limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen.map((t) => t.id).sort()).toEqual([...ids].sort());
    const rank = (t: TicketSummary) => TICKET_PRIORITIES.indexOf(t.priority);
    const key = (t: TicketSummary): (string | number)[] =>
      sort === 'priority' ? [rank(t), t.updatedAt, t.id] : sort === 'created_at' ? [t.createdAt, t.id] : [t.updatedAt, t.id];
    for (let i = 1; i < seen.length; i++) {
      expect(compareKeys(key(seen[i - 1] as TicketSummary), key(seen[i] as TicketSummary))).toBeGreaterThan(0);
    }
  });

  it('counts per status match the list for the same filters', async () => {
    await seed(20);
    const filters = [{}, { assignedToId: 'me' as const }, { assignedToId: f.tec1.id }, { assignedToId: 'unassigned' as const }, { priority: ['high', 'critical'] as ('high' | 'critical')[] }, { q: 'incidencia' }];
    for (const filter of filters) {
      const counts = await f.admin.call('tickets.counts', filter);
      for (const status of TICKET_STATUSES) {
        const list = await f.admin.call('tickets.list', { ...filter, status: [status], limit: 200 });
        expect(list.items.every((t) => t.status === status)).toBe(true);
        expect(counts.counts[status], `${JSON.stringify(filter)} ${status}`).toBe(list.items.length);
      }
    }
    const all = await f.admin.call('tickets.counts', {});
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(20);
    expect(all.capped).toEqual([]);
    const tecMine = await f.tec1.caller.call('tickets.counts', { assignedToId: 'me' });
    expect(Object.values(tecMine.counts).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('filters by created range with [from, to)', async () => {
    const first = await f.admin.call('tickets.create', { title: 'Primero' });
    f.app.clock.advance(60_000);
    const second = await f.admin.call('tickets.create', { title: 'Segundo' });
    const list = await f.admin.call('tickets.list', { createdFrom: second.createdAt });
    expect(list.items.map((t) => t.id)).toEqual([second.id]);
    const before = await f.admin.call('tickets.list', { createdTo: second.createdAt });
    expect(before.items.map((t) => t.id)).toEqual([first.id]);
  });

  it('the priority sort walks its expression index instead of sorting every ticket', () => {
    const plan = f.app.backend.database.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT t.id FROM tickets t ORDER BY ${PRIORITY_RANK} DESC, t.updated_at DESC, t.id DESC LIMIT 10`)
      .all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toContain('ix_tickets_priority_rank_updated_at');
    expect(details).not.toContain('TEMP B-TREE');
  });

  it('a tampered cursor is a VALIDATION error', async () => {
    expect(await f.admin.failure('tickets.list', { cursor: 'not-a-cursor' })).toBe('VALIDATION');
    const other = Buffer.from(JSON.stringify(['created_at', 'x', 'y'])).toString('base64url');
    expect(await f.admin.failure('tickets.list', { cursor: other })).toBe('VALIDATION');
  });
});

describe('serial trace', () => {
  it('follows one serial across OTs and tickets, newest first, case-insensitive and trimmed', async () => {
    const install = await f.admin.call('tickets.create', { title: 'Instalación router', customerId: f.customerId });
    let wo1 = await f.admin.call('workOrders.requestVisit', { ticketId: install.id, otType: 'install' });
    wo1 = await f.admin.call('workOrders.schedule', { id: wo1.id, version: wo1.version, scheduledDate: '2026-03-03T08:00:00.000Z', technicianId: f.tec1.id });
    await f.admin.call('workOrders.addItem', { id: wo1.id, version: await versionOf(f.admin, 'workOrder', wo1.id), productId: f.serialProductId, serialNumber: 'ab-123' });
    await f.admin.call('workOrders.addItem', { id: wo1.id, version: await versionOf(f.admin, 'workOrder', wo1.id), productId: f.serialProductId, serialNumber: 'AB-1234' });
    f.app.clock.advance(10 * 60_000);
    const repair = await f.admin.call('tickets.create', { title: 'Router averiado' });
    const wo2 = await f.admin.call('workOrders.requestVisit', { ticketId: repair.id, otType: 'repair' });
    await f.admin.call('workOrders.addItem', { id: wo2.id, version: await versionOf(f.admin, 'workOrder', wo2.id), description: 'Router retirado', serialNumber: 'AB-123', direction: 'removed' });

    const rows = await f.tec1.caller.call('workOrders.traceSerial', { serialNumber: '  Ab-123 ' });
    // The serial typed in full first (newest first), then the longer ones it begins (prefix search, issue 18).
    expect(rows.map((r) => [r.serialNumber, r.workOrder.code])).toEqual([['AB-123', wo2.code], ['ab-123', wo1.code], ['AB-1234', wo1.code]]);
    expect(rows[1]).toMatchObject({
      serialNumber: 'ab-123',
      product: { id: f.serialProductId, sku: 'RTR-100' },
      ticket: { id: install.id, code: install.code },
      customer: { id: f.customerId, name: 'Clínica Dental Sonrisa' },
      technician: { id: f.tec1.id, username: 'tec1' },
    });
    expect(rows[0]).toMatchObject({ product: null, description: 'Router retirado', direction: 'removed', customer: null, technician: null, ticket: { id: repair.id } });
    expect(rows[1]).toMatchObject({ direction: 'installed', unit: 'unit', description: null });
    // A beginning finds every serial it starts (issue 18); one no serial starts with finds nothing.
    expect((await f.admin.call('workOrders.traceSerial', { serialNumber: 'AB-12' })).map((r) => r.serialNumber).sort()).toEqual(['AB-123', 'AB-1234', 'ab-123']);
    expect(await f.admin.call('workOrders.traceSerial', { serialNumber: 'AB-13' })).toEqual([]);
    const plan = f.app.backend.database.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM work_order_items WHERE lower(serial_number) = lower('x')")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('ix_work_order_items_serial_number_lower');
  });
});
