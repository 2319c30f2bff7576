// The readings of a ticket in a period, as telemetry_readings (readingsTable.ts) keeps them: what the chart series and
// the pages read, through its key (ticket, metric, unit, time) or its time index, instead of every event's JSON.

export interface ReadingsWindow {
  ticketId: string;
  metric?: string | undefined;
  unit?: string | undefined;
  /** [from, to), ISO in UTC as stored. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The WHERE clause over telemetry_readings for the window, and its named parameters (only those it uses). */
export function windowWhere(window: ReadingsWindow): { where: string; params: Record<string, string> } {
  const where = ['ticket_id = @ticketId'];
  const params: Record<string, string> = { ticketId: window.ticketId };
  if (window.metric !== undefined) {
    where.push('metric = @metric');
    params.metric = window.metric;
  }
  if (window.unit !== undefined) {
    where.push('unit = @unit');
    params.unit = window.unit;
  }
  if (window.from !== undefined) {
    where.push('measured_at >= @from');
    params.from = window.from;
  }
  if (window.to !== undefined) {
    where.push('measured_at < @to');
    params.to = window.to;
  }
  return { where: where.join(' AND '), params };
}
