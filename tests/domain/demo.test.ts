// The demo generator on a small data set: consistent rows, every status, a working search and app afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, WORK_ORDER_STATUSES } from '../../electron/contract';
import { DEMO_PASSWORD, generateDemoData, type DemoSummary } from '../../scripts/demo/generate';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
let summary: DemoSummary;
let generatedAt = '';
const progress: number[] = [];
const all = <T>(sql: string, ...params: unknown[]) => app.backend.database.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => app.backend.database.sqlite.prepare(sql).get(...params) as T;

beforeAll(async () => {
  app = await startTestApp({ setup: false });
  generatedAt = app.clock.now().toISOString();
  summary = await generateDemoData(app.backend.database.sqlite, { tickets: 300, technicians: 3, seed: 7, now: app.clock.now() }, (p) => progress.push(p.done));
  await app.admin.call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
});
afterAll(() => app.close());

describe('demo data', () => {
  it('writes what it reports, with consistent references', () => {
    expect(summary).toMatchObject({ tickets: 300, logins: ['admin', 'agente', 'tecnico1', 'tecnico2', 'tecnico3'], password: 'emerald-demo' });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM tickets').n).toBe(300);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM ticket_timeline').n).toBe(summary.timelineEvents);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM work_orders').n).toBe(summary.workOrders);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM customers').n).toBe(20);
    expect(all('PRAGMA foreign_key_check')).toEqual([]);
    expect(progress.at(-1)).toBe(300);
  });

  it('covers every ticket and work order status', () => {
    const ticketStatuses = all<{ status: string }>('SELECT DISTINCT status FROM tickets').map((r) => r.status);
    const workOrderStatuses = all<{ status: string }>('SELECT DISTINCT status FROM work_orders').map((r) => r.status);
    expect(ticketStatuses.sort()).toEqual([...TICKET_STATUSES].sort());
    expect(workOrderStatuses.sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  it('tells stories that follow the rules', () => {
    expect(all("SELECT id FROM tickets WHERE status = 'closed' AND (resolution IS NULL OR closed_at IS NULL)")).toEqual([]);
    expect(all("SELECT w.id FROM work_orders w JOIN tickets t ON t.id = w.ticket_id WHERE t.status = 'closed' AND w.status NOT IN ('completed', 'cancelled')")).toEqual([]);
    expect(all("SELECT id FROM work_orders WHERE status = 'completed' AND (started_at IS NULL OR completed_at < started_at OR total_duration IS NULL)")).toEqual([]);
    expect(all('SELECT id FROM tickets WHERE updated_at < created_at')).toEqual([]);
    const firstEvents = all<{ event_type: string }>(
      `SELECT (SELECT event_type FROM ticket_timeline e WHERE e.ticket_id = t.id ORDER BY created_at, id LIMIT 1) AS event_type FROM tickets t`,
    );
    expect(new Set(firstEvents.map((r) => r.event_type))).toEqual(new Set(['created']));
    const serialOnTracked = all(
      `SELECT i.id FROM work_order_items i JOIN products p ON p.id = i.product_id WHERE p.tracks_serial = 1 AND (i.serial_number IS NULL OR i.quantity <> 1)`,
    );
    expect(serialOnTracked).toEqual([]);
    // The newcomer's trial: "Ocurre sobre todo a primera hora de la mañana." twice in one description.
    const repeated = all<{ description: string }>('SELECT description FROM tickets').filter(({ description }) => {
      const sentences = description.split(/(?<=[.!?])\s+/);
      return new Set(sentences).size !== sentences.length;
    });
    expect(repeated).toEqual([]);
    // A trial read "Correo con el presupuesto" logged as a WhatsApp: a contact's channel is the one its words name.
    const namedChannel: [RegExp, string][] = [[/whatsapp/i, 'whatsapp'], [/correo/i, 'email'], [/llamada|teléfono|aviso/i, 'phone'], [/visita/i, 'visit']];
    const contacts = all<{ summary: string; channel: string }>(
      "SELECT content AS summary, json_extract(meta_data, '$.channel') AS channel FROM ticket_timeline WHERE event_type = 'contact'",
    );
    expect(contacts.length).toBeGreaterThan(20);
    const misnamed = contacts.filter(({ summary, channel }) => (namedChannel.find(([words]) => words.test(summary))?.[1] ?? 'other') !== channel);
    expect(misnamed).toEqual([]);
    // As the app writes them: an OT completed or cancelled keeps its type's usual length of then.
    expect(all("SELECT code FROM work_orders WHERE status IN ('completed', 'cancelled') AND estimated_minutes IS NULL")).toEqual([]);
  });

  // An English trial: refrigerant sold by the kilo and cable by the metre were counted in units, so "1,5" kg was refused.
  it('sells gas by the kilo and cable by the metre, and its parts of them say so', () => {
    expect(all<{ name: string; unit: string }>("SELECT name, unit FROM products WHERE unit <> 'unit' ORDER BY name")).toEqual([
      { name: 'Cable de red Cat6 (metro)', unit: 'm' },
      { name: 'Gas refrigerante R32 (kg)', unit: 'kg' },
    ]);
    const parts = all<{ unit: string; productUnit: string; quantity: number }>(
      'SELECT i.unit, p.unit AS productUnit, i.quantity FROM work_order_items i JOIN products p ON p.id = i.product_id',
    );
    expect(parts.filter((part) => part.unit !== part.productUnit)).toEqual([]);
    const gas = parts.filter((part) => part.unit === 'kg');
    expect(gas.length).toBeGreaterThan(0);
    expect(gas.some((part) => !Number.isInteger(part.quantity))).toBe(true);
    expect(gas.filter((part) => Math.round(part.quantity * 1000) !== part.quantity * 1000 || part.quantity <= 0)).toEqual([]);
  });

  // The newcomer's trial: the README's first technician login had nothing to do today on Mi día.
  it('gives tecnico1, the first technician login, its first planned visits today', () => {
    const planned = all<{ day: string }>(
      `SELECT substr(w.scheduled_date, 1, 10) AS day FROM work_orders w JOIN users u ON u.id = w.technician_id
       WHERE u.username = 'tecnico1' AND w.status = 'scheduled'`,
    );
    const today = planned.filter(({ day }) => day === generatedAt.slice(0, 10));
    expect(today.length).toBeGreaterThan(0);
    expect(today.length).toBe(Math.min(3, planned.length));
  });

  it('has no work done in the future: started and completed OTs were planned, started and finished by now (issue 18)', () => {
    expect(one<{ n: number }>("SELECT count(*) AS n FROM work_orders WHERE status = 'completed'").n).toBeGreaterThan(20);
    const inFuture = all(
      `SELECT code, status, scheduled_date, started_at, completed_at FROM work_orders
       WHERE started_at IS NOT NULL AND (started_at > @now OR scheduled_date > @now OR scheduled_date > started_at
             OR completed_at > @now OR completed_at < started_at)`,
      { now: generatedAt },
    );
    expect(inFuture).toEqual([]);
    expect(all('SELECT id FROM work_order_items WHERE consumed_at > ?', generatedAt)).toEqual([]);
    expect(all('SELECT id FROM ticket_timeline WHERE created_at > ?', generatedAt)).toEqual([]);
  });

  it('gives customers Spanish addresses and phones, all in one style (issue 18)', () => {
    const customers = all<{ address: string; phone: string }>('SELECT address, phone FROM customers');
    for (const { address, phone } of customers) {
      expect(address).toMatch(/^(Calle|Avenida|Plaza|Paseo) [^,\d]+ \d{1,3}, \d{5} [A-ZÁÉÍÓÚ][a-záéíóúñ]+$/u);
      expect(phone).toMatch(/^\+34 [6-9]\d{2} \d{3} \d{3}$/);
    }
    // A landline's area code is the one of the customer's city (Madrid 91…, Sevilla 95…).
    const madrid = customers.filter((c) => c.address.endsWith(' Madrid') && !/^\+34 [67]/.test(c.phone));
    for (const c of madrid) expect(c.phone.startsWith('+34 91')).toBe(true);
  });

  it("gives every customer its address's town, and a customer older than its tickets (the queue's town, 'Cliente desde')", () => {
    const customers = all<{ address: string; town: string | null }>('SELECT address, town FROM customers');
    for (const { address, town } of customers) expect(town !== null && address.endsWith(` ${town}`)).toBe(true);
    const newerThanTickets = all<{ n: number }>(
      'SELECT count(*) AS n FROM customers c WHERE c.created_at > (SELECT min(t.created_at) FROM tickets t WHERE t.customer_id = c.id)',
    );
    expect(newerThanTickets[0]?.n).toBe(0);
  });

  it('keeps codes and sequences consistent, so the app goes on numbering', async () => {
    const sequences = all<{ scope: string; last_value: number }>('SELECT scope, last_value FROM code_sequences');
    for (const { scope, last_value } of sequences) {
      const [kind, prefix, year] = scope.split(':');
      const table = kind === 'ticket' ? 'tickets' : 'work_orders';
      const max = one<{ n: number }>(`SELECT max(CAST(substr(code, -6) AS INTEGER)) AS n FROM ${table} WHERE code LIKE ?`, `${prefix}-${year}-%`).n;
      expect(last_value, scope).toBe(max);
    }
    const created = await app.admin.call('tickets.create', { title: 'Ticket después de la demo' });
    const wo = await app.admin.call('workOrders.requestVisit', { ticketId: created.id, otType: 'repair' });
    expect(created.code).toMatch(/^TK-2026-\d{6}$/);
    expect(wo.code).toMatch(/^OT-2026-\d{6}$/);
  });

  it('indexes every ticket for search and keeps the search triggers', async () => {
    // One index row per ticket (ordinal 0 of its rowid range) and one per searchable event (services/search/schema.ts).
    expect(one<{ n: number }>('SELECT count(*) AS n FROM ticket_search WHERE rowid % 16777216 = 0').n).toBe(one<{ n: number }>('SELECT count(*) AS n FROM tickets').n);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM ticket_search WHERE rowid % 16777216 > 0').n).toBe(
      one<{ n: number }>("SELECT count(*) AS n FROM ticket_timeline WHERE event_type <> 'telemetry'").n,
    );
    const triggers = all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tr_%search%'").map((r) => r.name);
    expect(triggers).toEqual(expect.arrayContaining(['tr_tickets_search_insert', 'tr_ticket_timeline_search_insert']));
    app.backend.database.sqlite.exec("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')");
    const sample = one<{ id: string; code: string }>("SELECT id, code FROM tickets WHERE customer_id IS NOT NULL ORDER BY created_at LIMIT 1");
    expect((await app.admin.call('tickets.list', { q: sample.code })).items.map((t) => t.id)).toEqual([sample.id]);
    const event = one<{ content: string }>("SELECT content FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'created'", sample.id);
    expect(event.content).toContain(sample.code);
    await app.admin.call('tickets.addNote', { id: sample.id, content: 'Palabraúnicadeprueba tras la demo' });
    expect((await app.admin.call('tickets.list', { q: 'palabraunicadeprueba' })).items.map((t) => t.id)).toEqual([sample.id]);
  });

  it('serials can be traced and technicians can sign in', async () => {
    const serial = one<{ serial_number: string }>('SELECT serial_number FROM work_order_items WHERE serial_number IS NOT NULL LIMIT 1');
    const rows = await app.admin.call('workOrders.traceSerial', { serialNumber: serial.serial_number.toLowerCase() });
    expect(rows.length).toBeGreaterThan(0);
    const tec = app.caller();
    await tec.call('auth.login', { login: 'tecnico1', password: DEMO_PASSWORD });
    expect((await tec.call('auth.me', {})).user.username).toBe('tecnico1');
  });

  it('has a dispatcher, agente: an Agente who plans the visits and carries out none; adding it drew nothing', async () => {
    const dispatcher = app.caller();
    await dispatcher.call('auth.login', { login: 'agente', password: DEMO_PASSWORD });
    const me = await dispatcher.call('auth.me', {});
    expect(me.user).toMatchObject({ username: 'agente', fullName: 'Alba Ortega', roleName: 'Agente', isSuperuser: false });
    expect(me.permissions).toEqual(expect.arrayContaining(['workorders:write']));
    expect(me.permissions).not.toContain('workorders:execute');
    const board = await dispatcher.call('workOrders.board', { from: generatedAt.slice(0, 10), to: generatedAt.slice(0, 10) });
    expect(board.technicians.map((t) => t.username)).toEqual(expect.arrayContaining(['tecnico1', 'tecnico2', 'tecnico3']));
    expect(board.technicians.map((t) => t.username)).not.toContain('agente');
    expect((await dispatcher.call('workOrders.dispatchQueue', {})).items.length).toBeGreaterThan(0);
    // No draw for it: the technicians are the seed's people, as before the dispatcher was added.
    expect(all<{ full_name: string }>("SELECT full_name FROM users WHERE username LIKE 'tecnico%' ORDER BY username").map((u) => u.full_name)).toEqual([
      'Mónica Zamudio Mena',
      'Antonio Patiño Salazar',
      'Ana María Castañeda Laboy',
    ]);
  });

  it("writes a completed OT's work done into work_done (as the app does), keeping the internal notes for remarks", async () => {
    const completed = all<{ id: string; notes: string | null; work_done: string | null }>("SELECT id, notes, work_done FROM work_orders WHERE status = 'completed'");
    expect(completed.filter((wo) => !wo.work_done)).toEqual([]);
    const workDone = new Set(completed.map((wo) => wo.work_done));
    expect(completed.filter((wo) => wo.notes !== null && workDone.has(wo.notes))).toEqual([]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM work_orders WHERE notes IS NOT NULL').n).toBeGreaterThan(0);
    const sample = completed[0] as { id: string; work_done: string };
    expect((await app.admin.call('workOrders.get', { id: sample.id })).workDone).toBe(sample.work_done);
    // The completion line on the timeline carries the work done, as workOrders.complete writes it.
    const meta = JSON.parse(one<{ meta_data: string }>("SELECT meta_data FROM ticket_timeline WHERE event_type = 'ot_completed' AND meta_data LIKE ?", `%${sample.id}%`).meta_data) as Record<string, unknown>;
    expect(meta).toMatchObject({ workOrderId: sample.id, workDone: sample.work_done });
    expect(meta).not.toHaveProperty('notes');
  });

  it('has checklists for Reparación and Mantenimiento, answered on every completed OT of those types', async () => {
    const templates = (await app.admin.call('settings.get', {})).checklistTemplates;
    expect(Object.keys(templates).sort()).toEqual(['maintenance', 'repair']);
    const completed = all<{ id: string }>("SELECT id FROM work_orders WHERE status = 'completed' AND ot_type IN ('repair', 'maintenance')");
    expect(completed.length).toBeGreaterThan(5);
    for (const { id } of completed) expect((await app.admin.call('workOrders.checklist', { id })).counts.missingRequired, id).toEqual([]);
    // In progress: some still to answer, as a technician mid-visit would have them.
    const running = all<{ id: string }>("SELECT id FROM work_orders WHERE status = 'in_progress' AND ot_type IN ('repair', 'maintenance')");
    const answered = await Promise.all(running.map(async ({ id }) => (await app.admin.call('workOrders.checklist', { id })).counts.answered));
    expect(answered.length === 0 || answered.some((n) => n < 4)).toBe(true);
  });
});
