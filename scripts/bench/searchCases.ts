// Issue 17 item 5, what the ticket list screen waits on: tickets.list AND tickets.counts together (the renderer asks
// both for every tab, filter and search), a search with the most common word, a search with each filter, and a ticket
// with 2,000 notes (opened, and a note added to it). Each pair through the router, the services, and raw SQL.
import type Database from 'better-sqlite3';
import type { InputOf } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { countTickets, getTicketDetail, listTickets } from '../../electron/services/tickets';
import { newId } from '../../electron/services/ids';
import { forgetSearchHits } from '../../electron/services/search';
import type { Fixtures, ReadCase, WriteCase } from './cases';
import { SUMMARY } from './rawSummary';
import type { Call } from './measure';

/** The list screen's tabs and the statuses each lists (renderer/src/features/tickets/filters.ts). */
const TABS: [string, string[] | undefined][] = [
  ['active', ['open', 'in_progress', 'waiting']],
  ['open', ['open']],
  ['in_progress', ['in_progress']],
  ['waiting', ['waiting']],
  ['closed', ['closed']],
  ['all', undefined],
];

/** A search's matching doc ids by hand: each FTS row names its ticket by rowid range (services/search/schema.ts). */
const MATCHES = 'd.doc_id IN (SELECT rowid / 16777216 FROM ticket_search WHERE ticket_search MATCH @fts)';

type TicketFilter = InputOf<'tickets.counts'>;
interface RawFilter {
  /** Condition on `t` (the ticket), or none. */
  where?: string;
  /** The same condition on a search's doc row `d` when the doc row keeps its column (services/search/schema.ts). */
  docWhere?: string;
  statuses?: string[];
}

const BUSY_TITLE = 'Bench: ticket with 2,000 notes';
export const BUSY_NOTES = 2000;

/**
 * A ticket of this working copy with 2,000 notes (added once, by hand, in one transaction that turns them into ops
 * like any write): its history is what 'add note' must not re-index. Never the cached dataset: the bench works on a copy.
 */
export function ensureBusyTicket(sqlite: Database.Database): string {
  const existing = sqlite.prepare('SELECT id FROM tickets WHERE title = ?').get(BUSY_TITLE) as { id: string } | undefined;
  if (existing) return existing.id;
  const ticket = sqlite.prepare("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY created_at LIMIT 1").get() as { id: string };
  const author = (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  const insert = sqlite.prepare(
    `INSERT INTO ticket_timeline (id, ticket_id, author_id, event_type, content, meta_data, created_at, updated_at)
     VALUES (?, ?, ?, 'note', ?, NULL, ?, ?)`,
  );
  const start = Date.now() - BUSY_NOTES * 60_000;
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE tickets SET title = ? WHERE id = ?').run(BUSY_TITLE, ticket.id);
    for (let i = 0; i < BUSY_NOTES; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      insert.run(newId(), ticket.id, author, `Seguimiento ${i}: llamada al cliente, revisión del equipo y pruebas`, at, at);
    }
    recordCapturedOps(sqlite, author, Date.now());
  })();
  return ticket.id;
}

export function searchCases(call: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const sqlite = ctx.sqlite;
  const rawPair = (filter: RawFilter, fts: string | null) => {
    const statusIn = filter.statuses ? `status IN (${filter.statuses.map((s) => `'${s}'`).join(', ')})` : null;
    if (!fts) {
      const where = [statusIn && `t.${statusIn}`, filter.where].filter(Boolean).join(' AND ');
      const page = sqlite.prepare(`SELECT ${SUMMARY} ${where ? `WHERE ${where}` : ''} ORDER BY t.updated_at DESC, t.id DESC LIMIT 51`);
      // No filter: the counts the triggers keep (ticket_status_counts), as the service reads them.
      const counts = sqlite.prepare(
        filter.where ? `SELECT t.status, count(*) AS n FROM tickets t WHERE ${filter.where} GROUP BY t.status` : 'SELECT status, n FROM ticket_status_counts WHERE n > 0',
      );
      return () => [page.all(), counts.all()];
    }
    const other = filter.docWhere
      ? ` AND ${filter.docWhere}`
      : filter.where
        ? ` AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = d.ticket_id AND ${filter.where})`
        : '';
    const page = sqlite.prepare(
      `SELECT ${SUMMARY} WHERE t.id IN (SELECT d.ticket_id FROM ticket_search_docs d WHERE ${MATCHES}${statusIn ? ` AND d.${statusIn}` : ''}${other}
        ORDER BY d.updated_at DESC, d.ticket_id DESC LIMIT 51) ORDER BY t.updated_at DESC, t.id DESC`,
    );
    const counts = sqlite.prepare(`SELECT d.status, count(*) AS n FROM ticket_search_docs d WHERE ${MATCHES}${other} GROUP BY d.status`);
    return () => [page.all({ fts }), counts.all({ fts })];
  };
  const pair = (name: string, filter: TicketFilter, statuses: string[] | undefined, raw: () => unknown): ReadCase => {
    const listInput = { ...filter, ...(statuses ? { status: statuses as never } : {}) };
    // A search is measured as a person's new words: its matches found once for the pair, not kept from the last run.
    const fresh = () => filter.q !== undefined && forgetSearchHits(sqlite);
    return {
      name,
      group: 'screen',
      service: () => {
        fresh();
        return [listTickets(ctx, listInput), countTickets(ctx, filter)];
      },
      router: () => {
        fresh();
        return Promise.all([call('tickets.list', listInput), call('tickets.counts', filter)]);
      },
      raw,
    };
  };

  const common = f.words.common;
  const fts = `"${common}"*`;
  /** `column = value` on the ticket, and on the doc row too when the doc row keeps that column. */
  const equals = (column: string, value: string, keptOnDoc: boolean): RawFilter => ({
    where: `t.${column} = '${value}'`,
    ...(keptOnDoc ? { docWhere: `d.${column} = '${value}'` } : {}),
  });
  const filters: [string, TicketFilter, RawFilter][] = [
    ['priority', { priority: 'critical' }, equals('priority', 'critical', true)],
    ['assignee', { assignedToId: f.technicianId }, equals('assigned_to_id', f.technicianId, true)],
    ['category', { categoryId: f.categoryId }, equals('category_id', f.categoryId, true)],
    ['customer', { customerId: f.customerId }, equals('customer_id', f.customerId, false)],
  ];
  const busy = ensureBusyTicket(sqlite);
  const timeline = sqlite.prepare('SELECT * FROM ticket_timeline WHERE ticket_id = ? ORDER BY created_at, id');
  const ticket = sqlite.prepare(`SELECT ${SUMMARY} WHERE t.id = ?`);
  return [
    ...TABS.map(([tab, statuses]) => pair(`list screen (list + counts): ${tab}`, {}, statuses, rawPair({ ...(statuses ? { statuses } : {}) }, null))),
    pair(`search + counts: most common word`, { q: common }, undefined, rawPair({}, fts)),
    pair(`search + counts: most common word, open tab`, { q: common }, ['open'], rawPair({ statuses: ['open'] }, fts)),
    ...filters.map(([label, filter, raw]) => pair(`search + counts: most common word, ${label}`, { q: common, ...filter }, undefined, rawPair(raw, fts))),
    {
      name: `ticket with ${BUSY_NOTES.toLocaleString('en')} notes: open`,
      group: 'detail',
      service: () => getTicketDetail(sqlite, busy),
      router: () => call('tickets.get', { id: busy }),
      raw: () => [ticket.get(busy), timeline.all(busy)],
    },
  ];
}

/** Adding a note to the ticket with 2,000 notes: one index row, whatever its history (budget 3 ms as every write). */
export function busyTicketWriteCases(call: Call, sqlite: Database.Database): WriteCase[] {
  const busy = ensureBusyTicket(sqlite);
  return [{ name: `add note: ticket with ${BUSY_NOTES.toLocaleString('en')} notes`, run: (i) => call('tickets.addNote', { id: busy, content: `Nota de prueba ${i}` }) }];
}
