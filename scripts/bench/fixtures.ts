// Picks realistic inputs from the dataset: busy technician week, common/rare words, real serials.
import type Database from 'better-sqlite3';
import type { Fixtures } from './cases';

/** Folded index terms and how a Spanish speaker types them. */
const ACCENTED = { tecnico: 'técnico', revision: 'revisión', instalacion: 'instalación', conexion: 'conexión', camara: 'cámara', energia: 'energía' };

export function pickFixtures(sqlite: Database.Database): Fixtures {
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];

  const ticketIds = all<{ id: string }>('SELECT id FROM tickets ORDER BY random() LIMIT 500').map((r) => r.id);
  const busiest = one<{ technician_id: string; week: string }>(
    `SELECT technician_id, strftime('%Y-%W', scheduled_date) AS week, count(*) AS n FROM work_orders
     WHERE technician_id IS NOT NULL AND scheduled_date IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT 1`,
  );
  const weekStart = one<{ start: string }>(
    `SELECT min(scheduled_date) AS start FROM work_orders WHERE technician_id = ? AND strftime('%Y-%W', scheduled_date) = ?`,
    busiest.technician_id,
    busiest.week,
  ).start;
  const from = new Date(weekStart);
  from.setUTCHours(0, 0, 0, 0);
  from.setUTCDate(from.getUTCDate() - ((from.getUTCDay() + 6) % 7));
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const total = one<{ n: number }>('SELECT count(*) AS n FROM tickets').n;
  const deepCursorRow = one<{ updated_at: string; id: string }>(
    'SELECT updated_at, id FROM tickets ORDER BY updated_at DESC, id DESC LIMIT 1 OFFSET ?',
    Math.floor(total / 2),
  );

  // Words people search for live in titles; the timeline's boilerplate ("creado") says nothing about a ticket.
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, 'ticket_search', 'col')`);
  const terms = all<{ term: string; doc: number }>(
    `SELECT term, doc FROM temp.search_terms WHERE col = 'title' AND length(term) >= 5 AND term NOT GLOB '*[0-9]*' ORDER BY doc DESC`,
  );
  const common = terms[0]?.term ?? 'equipo';
  const rare = terms.find((t) => t.doc <= 3)?.term ?? terms[terms.length - 1]?.term ?? 'zzz';
  const middle = terms[Math.floor(terms.length / 3)]?.term ?? common;
  const present = new Set(terms.map((t) => t.term));
  const accented = Object.entries(ACCENTED).find(([folded]) => present.has(folded))?.[1] ?? 'técnico';
  const everywhere = one<{ term: string } | undefined>(
    `SELECT term FROM temp.search_terms WHERE col = 'timeline' AND length(term) >= 5 ORDER BY doc DESC LIMIT 1`,
  )?.term ?? common;

  return {
    ticketIds,
    technicianId: busiest.technician_id,
    categoryId: one<{ id: string }>('SELECT category_id AS id FROM tickets WHERE category_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').id,
    customerId: one<{ id: string }>('SELECT customer_id AS id FROM tickets WHERE customer_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').id,
    serials: all<{ s: string }>('SELECT serial_number AS s FROM work_order_items WHERE serial_number IS NOT NULL ORDER BY random() LIMIT 500').map(
      (r) => r.s,
    ),
    deepCursorRow,
    weekFrom: from.toISOString(),
    weekTo: to.toISOString(),
    words: { common, rare, prefix: middle.slice(0, 3), accented, everywhere },
  };
}
