// Shared set-up for telemetry tests: a real backend with one ticket, and counters read straight from SQLite.
import { startTestApp, type TestApp } from '../support/backend';

export interface TelemetryApp extends TestApp {
  ticketId: string;
}

export async function startTelemetryApp(): Promise<TelemetryApp> {
  const app = await startTestApp();
  const ticket = await app.admin.call('tickets.create', { title: 'Router sin señal en la sede de Llanera', description: 'El cliente reporta cortes' });
  return Object.assign(app, { ticketId: ticket.id });
}

export function telemetryEventCount(app: TestApp, ticketId: string): number {
  const row = app.backend.database.sqlite
    .prepare(`SELECT count(*) AS n FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'telemetry'`)
    .get(ticketId) as { n: number };
  return row.n;
}

/** A time `minutesAgo` before the test clock, as ISO. */
export function minutesBefore(app: TestApp, minutesAgo: number): string {
  return new Date(app.clock.now().getTime() - minutesAgo * 60_000).toISOString();
}
