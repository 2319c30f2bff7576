// The ticket PDF's SLA lines: a due of another year prints its year, and spans of weeks read in days and hours.
import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../electron/services/reports/format';
import { labelsFor } from '../../electron/services/reports/labels';
import { slaText } from '../../electron/services/reports/pdf/ticketReport';
import { DEFAULT_SLA_TARGETS, computeTicketSla } from '../../shared/sla';

const H = 3600_000;
const created = '2024-12-20T19:54:00.000Z';
const T0 = Date.parse(created);

describe('ticket PDF SLA words', () => {
  it('an overdue 2024 due prints the year; a close after 798 h reads in days', () => {
    const open = computeTicketSla({ createdAt: created, status: 'open', priority: 'low' }, [], DEFAULT_SLA_TARGETS);
    const es = createFormatter('es', 'Europe/Madrid');
    expect(slaText(open.response, T0 + 3000 * H, labelsFor('es'), es)).toMatch(/^Vencido el 21 dic 2024, 20:54$/);
    const closed = computeTicketSla(
      { createdAt: created, status: 'closed', priority: 'low' },
      [{ eventType: 'closed', authorId: 'u', createdAt: new Date(T0 + (798 + 11 / 60) * H).toISOString(), metaData: null }],
      DEFAULT_SLA_TARGETS,
    );
    expect(slaText(closed.resolution, T0 + 900 * H, labelsFor('es'), es)).toBe('33 días 6 h · fuera de plazo (objetivo 7 días)');
    const en = createFormatter('en', 'Europe/Madrid');
    expect(slaText(closed.resolution, T0 + 900 * H, labelsFor('en'), en)).toBe('33 days 6h · late (target 7 days)');
    // OT-sized spans keep hours and minutes.
    expect(es.duration(798 * 3600)).toBe('798 h');
  });
});
