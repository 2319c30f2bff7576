// A section title never ends a page of the ticket PDF: an English trial found "Work orders" alone at the foot of page 1
// with its first OT on page 2 (the title kept room for a line, the OT's block asked for more and moved on).
import { describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import type { RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { settingsFixture, ticketFixture, workOrderFixture } from './fixtures';
import { pdfText } from './support';

const en: RenderOptions = { language: 'en', generatedAt: '2026-03-04T11:00:00.000Z', timeZone: 'Europe/Madrid' };

const note = (n: number): TimelineEventDto => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  ticketId: '01900000-0000-7000-8000-0000000000b1',
  eventType: 'note',
  content: `Llamada ${n}: el cliente confirma que la caldera sigue perdiendo presión por la noche.`,
  metaData: {},
  author: { id: '01900000-0000-7000-8000-0000000000d1', fullName: 'Begoña Agente', username: 'agente1' },
  createdAt: new Date(Date.UTC(2026, 2, 1, 8, n)).toISOString(),
});

/** The last line of text above the footer on every page but the last (pdftotext -layout; pages split by form feeds). */
function pageEnds(text: string): string[] {
  const pages = text.split('\f').filter((page) => page.trim());
  return pages.slice(0, -1).map((page) => {
    const lines = page.split('\n').map((line) => line.trim()).filter(Boolean);
    // The footer: "TK-… · Generated on …" and "Page n of m" (one line or two, by the layout).
    const content = lines.filter((line) => !/Generated on|^Page \d+ of \d+$/.test(line));
    return content.at(-1) ?? '';
  });
}

describe('ticket PDF: section titles keep their content', () => {
  it('never leaves "Work orders" alone at the foot of a page, whatever the timeline’s length', async () => {
    const ends: string[] = [];
    for (let notes = 0; notes <= 30; notes++) {
      const ticket = ticketFixture({ timeline: Array.from({ length: notes }, (_, n) => note(n)), workOrders: [workOrderFixture({}, 1)] });
      ends.push(...pageEnds(pdfText(await renderTicketPdf({ ticket, settings: settingsFixture }, en), { layout: true })));
    }
    // The timelines' lengths move the page's end through every section between them (the oracle sees real ends).
    expect(ends.length).toBeGreaterThan(20);
    expect(ends.filter((line) => line === 'Work orders')).toEqual([]);
  });
});
