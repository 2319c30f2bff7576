// SLA due dates through the channels (issue 16 part 5): targets in settings, each ticket's clock in the detail and
// the list (sort by due, filter breached / at risk), the local ticket_sla table refreshed with every write, recomputed
// when the priority or the targets change, and filled at startup when missing. Time moves with the TestClock.
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/ipc/backend';
import { DEFAULT_SLA_TARGETS } from '../../shared/sla';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { errorOf } from './fixtures';
import { slaPlan } from '../../electron/services/tickets/list';
import { pdfText } from '../reports/support';

const H = 3600_000;
let app: TestApp;
afterEach(() => {
  slaPlan.fewMatches = 2000;
  app?.close();
});

const slaRow = (id: string) => app.backend.database.sqlite.prepare('SELECT * FROM ticket_sla WHERE ticket_id = ?').get(id) as Record<string, unknown> | undefined;
const codes = (items: { code: string }[]) => items.map((t) => t.code);
/** Time passes; a session idle that long has ended, so the admin signs in again. */
async function later(ms: number): Promise<void> {
  app.clock.advance(ms);
  await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
}

describe('SLA', () => {
  it('targets: defaults per priority, saved whole, refused with a reason when out of range or response after resolution', async () => {
    app = await startTestApp();
    expect((await app.admin.call('settings.get', {})).slaTargets).toEqual(DEFAULT_SLA_TARGETS);
    const wrongOrder = { ...DEFAULT_SLA_TARGETS, high: { responseMinutes: 600, resolutionMinutes: 300 } };
    const refused = await errorOf(app.admin, 'settings.update', { versions: await settingsVersions(app.admin), slaTargets: wrongOrder });
    expect(refused.code).toBe('VALIDATION');
    expect(JSON.stringify(refused.details)).toContain('sla_response_after_resolution');
    const zero = await errorOf(app.admin, 'settings.update', { versions: {}, slaTargets: { ...DEFAULT_SLA_TARGETS, low: { responseMinutes: 0, resolutionMinutes: 60 } } });
    expect(zero.code).toBe('VALIDATION');
    const missing = await errorOf(app.admin, 'settings.update', { versions: {}, slaTargets: { critical: DEFAULT_SLA_TARGETS.critical } });
    expect(missing.code).toBe('VALIDATION');
    const saved = await app.admin.call('settings.update', { versions: {}, slaTargets: { ...DEFAULT_SLA_TARGETS, low: { responseMinutes: 120, resolutionMinutes: 2400 } } });
    expect(saved.slaTargets.low).toEqual({ responseMinutes: 120, resolutionMinutes: 2400 });
  });

  it('a ticket shows its response due, turns at risk and breached as time passes, then the resolution clock takes over', async () => {
    app = await startTestApp();
    const created = await app.admin.call('tickets.create', { title: 'Caldera sin presión', priority: 'high' });
    const start = app.clock.now().getTime();
    expect(created.sla).toMatchObject({ kind: 'response', state: 'ok', dueAt: new Date(start + 4 * H).toISOString() });
    expect(created.slaClocks.resolution.dueAt).toBe(new Date(start + 24 * H).toISOString());
    expect(slaRow(created.id)).toMatchObject({ next_kind: 'response', sort_due: new Date(start + 4 * H).toISOString() });
    await later(3 * H + 1);
    expect((await app.admin.call('tickets.get', { id: created.id })).sla?.state).toBe('at_risk');
    await later(H);
    const late = await app.admin.call('tickets.get', { id: created.id });
    expect(late.sla?.state).toBe('breached');
    expect((await app.admin.call('tickets.list', { sla: 'breached' })).items.map((t) => t.id)).toEqual([created.id]);
    // The first contact answers it (late): the response is missed, the list now follows the resolution clock.
    const answered = await app.admin.call('tickets.addContact', { id: created.id, channel: 'phone', summary: 'Llamé al cliente' });
    expect(answered.ticket.slaClocks.response).toMatchObject({ outcome: 'missed' });
    expect(answered.ticket.sla).toMatchObject({ kind: 'resolution', state: 'ok' });
    expect(slaRow(created.id)).toMatchObject({ next_kind: 'resolution', response_outcome: 'missed', sort_due: new Date(start + 24 * H).toISOString() });
    expect((await app.admin.call('tickets.list', { sla: 'breached' })).items).toEqual([]);
  });

  it('En espera pauses the clock: the list shows it paused and last by due; back in progress the due moves by the hours waited', async () => {
    app = await startTestApp();
    let ticket = await app.admin.call('tickets.create', { title: 'Impresora atascada', priority: 'medium' });
    const start = app.clock.now().getTime();
    ticket = await app.admin.call('tickets.changeStatus', { id: ticket.id, version: ticket.version, status: 'in_progress' });
    await later(H);
    ticket = await app.admin.call('tickets.changeStatus', { id: ticket.id, version: ticket.version, status: 'waiting' });
    expect(ticket.sla).toMatchObject({ kind: 'resolution', state: 'paused', dueAt: null });
    const other = await app.admin.call('tickets.create', { title: 'Router sin conexión', priority: 'low' });
    await later(100 * H);
    const byDue = await app.admin.call('tickets.list', { sort: 'due' });
    expect(codes(byDue.items)).toEqual([other.code, ticket.code]);
    expect(byDue.items[1]?.sla?.state).toBe('paused');
    ticket = await app.admin.call('tickets.changeStatus', { id: ticket.id, version: ticket.version, status: 'in_progress' });
    // 72 h target, 1 h used before the pause, 100 h waited.
    expect(ticket.sla?.dueAt).toBe(new Date(start + 172 * H).toISOString());
    expect(ticket.sla?.state).toBe('ok');
  });

  it('close meets the target, reopen resumes the clock without the closed hours', async () => {
    app = await startTestApp();
    let ticket = await app.admin.call('tickets.create', { title: 'Fuga en el aire acondicionado', priority: 'critical' });
    const start = app.clock.now().getTime();
    await later(2 * H);
    ticket = await app.admin.call('tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Junta cambiada' });
    expect(ticket.slaClocks.resolution).toMatchObject({ outcome: 'met', elapsedMs: 2 * H });
    expect(ticket.sla?.state).toBe('met');
    expect(slaRow(ticket.id)).toMatchObject({ resolution_outcome: 'met', sort_due: '~' });
    await later(50 * H);
    ticket = await app.admin.call('tickets.reopen', { id: ticket.id, version: ticket.version, reason: 'Vuelve a gotear' });
    expect(ticket.slaClocks.resolution).toMatchObject({ outcome: null, elapsedMs: 2 * H, dueAt: new Date(start + 58 * H).toISOString() });
    await later(7 * H);
    ticket = await app.admin.call('tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Compresor cambiado' });
    expect(ticket.slaClocks.resolution).toMatchObject({ outcome: 'missed', elapsedMs: 9 * H });
    // Ended late: due no more, so it sorts last and is not in the overdue filter (its chip says missed).
    expect(slaRow(ticket.id)).toMatchObject({ resolution_outcome: 'missed', sort_due: '~', next_outcome: 'missed' });
    expect((await app.admin.call('tickets.list', { sla: 'breached' })).items).toEqual([]);
    expect((await app.admin.call('tickets.list', {})).items[0]?.sla).toMatchObject({ state: 'missed', dueAt: null });
  });

  it('a priority change and a change of targets recompute the stored clocks in the same write', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Pantalla en negro', priority: 'low' });
    const start = app.clock.now().getTime();
    expect(slaRow(ticket.id)?.sort_due).toBe(new Date(start + 24 * H).toISOString());
    const raised = await app.admin.call('tickets.update', { id: ticket.id, version: ticket.version, priority: 'critical' });
    expect(raised.sla?.dueAt).toBe(new Date(start + H).toISOString());
    expect(slaRow(ticket.id)?.sort_due).toBe(new Date(start + H).toISOString());
    await app.admin.call('settings.update', {
      versions: await settingsVersions(app.admin),
      slaTargets: { ...DEFAULT_SLA_TARGETS, critical: { responseMinutes: 15, resolutionMinutes: 120 } },
    });
    expect(slaRow(ticket.id)).toMatchObject({ response_target: 15, resolution_target: 120, sort_due: new Date(start + 15 * 60_000).toISOString() });
  });

  it.each([
    ['few matches: read from the SLA index', 2000],
    ['many matches: the sorted candidates are probed', 1],
  ])('the list sorts by due (soonest first, nothing due last, pages follow the cursor) and filters at risk; counts follow the filter (%s)', async (_plan, fewMatches) => {
    slaPlan.fewMatches = fewMatches;
    app = await startTestApp();
    const low = await app.admin.call('tickets.create', { title: 'Baja prioridad', priority: 'low' }); // due +24 h
    const critical = await app.admin.call('tickets.create', { title: 'Crítico', priority: 'critical' }); // due +1 h
    let closed = await app.admin.call('tickets.create', { title: 'Cerrado', priority: 'high' });
    closed = await app.admin.call('tickets.close', { id: closed.id, version: closed.version, resolution: 'Hecho' });
    const high = await app.admin.call('tickets.create', { title: 'Alta', priority: 'high' }); // due +4 h
    const first = await app.admin.call('tickets.list', { sort: 'due', limit: 2 });
    expect(codes(first.items)).toEqual([critical.code, high.code]);
    const second = await app.admin.call('tickets.list', { sort: 'due', limit: 2, cursor: first.nextCursor! });
    expect(codes(second.items)).toEqual([low.code, closed.code]);
    expect(second.nextCursor).toBeNull();
    await later(50 * 60_000); // critical: 10 min of 60 left
    expect(codes((await app.admin.call('tickets.list', { sla: 'at_risk' })).items)).toEqual([critical.code]);
    expect((await app.admin.call('tickets.counts', { sla: 'at_risk' })).counts.open).toBe(1);
    await later(20 * 60_000);
    expect(codes((await app.admin.call('tickets.list', { sla: 'breached', sort: 'due' })).items)).toEqual([critical.code]);
    expect((await app.admin.call('tickets.list', { sla: 'at_risk' })).items).toEqual([]);
    // Counts: an SLA filter alone reads ticket_sla (with each ticket's status); with another filter, the tickets.
    expect(await app.admin.call('tickets.counts', { sla: 'breached' })).toEqual({ counts: { open: 1, in_progress: 0, waiting: 0, closed: 0 }, capped: [] });
    expect((await app.admin.call('tickets.counts', { sla: 'breached', priority: 'critical' })).counts.open).toBe(1);
    expect((await app.admin.call('tickets.counts', { sla: 'breached', priority: 'low' })).counts.open).toBe(0);
    // Search and the SLA filter together.
    expect(codes((await app.admin.call('tickets.list', { q: 'Crítico', sla: 'breached' })).items)).toEqual([critical.code]);
    expect(codes((await app.admin.call('tickets.list', { q: 'Alta', sort: 'due' })).items)).toEqual([high.code]);
    expect(codes((await app.admin.call('tickets.list', { status: ['closed'], sort: 'due' })).items)).toEqual([closed.code]);
  });

  it('startup fills the rows of tickets that have none', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Escáner lento', priority: 'high' });
    const before = slaRow(ticket.id);
    app.backend.database.sqlite.prepare('DELETE FROM ticket_sla').run();
    app.backend.close();
    const again = createBackend({ dataDir: app.dir, clock: app.clock });
    try {
      expect(again.database.sqlite.prepare('SELECT * FROM ticket_sla WHERE ticket_id = ?').get(ticket.id)).toEqual(before);
    } finally {
      again.close();
    }
    app.backend.close = () => undefined;
  });
});

describe('SLA in the reports', () => {
  it('the tickets CSV carries first response and resolution minutes and whether each was on target; the PDF says it in words', async () => {
    app = await startTestApp();
    let fast = await app.admin.call('tickets.create', { title: 'Router reiniciado', priority: 'high' });
    await later(30 * 60_000);
    await app.admin.call('tickets.addContact', { id: fast.id, channel: 'phone', summary: 'Llamé al cliente' });
    await later(90 * 60_000);
    fast = await app.admin.call('tickets.close', { id: fast.id, version: fast.version, resolution: 'Reinicio y prueba' });
    const late = await app.admin.call('tickets.create', { title: 'Sin respuesta', priority: 'critical' });
    await later(2 * H);
    const csv = await app.admin.call('reports.ticketsCsv', { language: 'en', csvFormat: 'standard' });
    const lines = Buffer.from(csv.bytes).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('First response (min),Response on target,Resolution (min),Resolution on target');
    const row = (code: string) => lines.find((line) => line.startsWith(code))?.split(',').slice(-4);
    expect(row(fast.code)).toEqual(['30', 'Yes', '120', 'Yes']);
    // Not answered, past its 1 h: already late (No); the resolution can still be on time (empty).
    expect(row(late.code)).toEqual(['', 'No', '', '']);
    const pdf = await app.admin.call('reports.ticketPdf', { id: fast.id, language: 'es' });
    const text = pdfText(pdf.bytes);
    expect(text).toContain('PRIMERA RESPUESTA');
    expect(text).toContain('30 min · en plazo (objetivo 4 h)');
    expect(text).toContain('2 h · en plazo (objetivo 24 h)');
    // Labelled as the screen does: "Tiempo de resolución: Vencido el …" read as a time that was a state.
    expect(text).toContain('RESOLUCIÓN');
    expect(text).not.toContain('TIEMPO DE RESOLUCIÓN');
  });
});
