// Issue 17 item 4: a 20,000-character word prints whole (pdftotext gives every character back once, in order) in every
// place of both reports, and the work stays linear: the characters measured stay a small multiple of the text's
// length (pdfkit's own cutting re-measured the rest of the word for every line: hundreds of times the length).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldCapture } from '../../electron/services/reports/pdf/fieldCapture';
import { breakLongWords } from '../../electron/services/reports/pdf/longWords';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import { renderWorkOrderPdf, type RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { GREEK_DIGITS, longWord } from '../../scripts/bench/longWord';
import { customerFixture, itemFixture, settingsFixture, ticketFixture, workOrderFixture } from './fixtures';

const es: RenderOptions = { language: 'es', generatedAt: '2026-03-02T11:00:00.000Z', timeZone: 'Europe/Madrid' };
const WORD = longWord(20_000, GREEK_DIGITS);

/**
 * The Greek letters pdftotext reads from the PDF, in its reading order. The word is written in Greek and no other text
 * of the report is, so whatever other text pdftotext puts between two of its lines (a table's header, a footer) drops
 * out, and the result must be the word itself: nothing lost, nothing doubled, nothing out of order.
 */
function printedGreek(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-long-words-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return text.replace(/[^\u0391-\u03c9]/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts the characters pdfkit is asked to measure while `render` runs. */
async function measuredCharacters(render: () => Promise<Uint8Array>): Promise<{ bytes: Uint8Array; characters: number }> {
  let characters = 0;
  type Measuring = { widthOfString(this: PDFKit.PDFDocument, text: string, options?: PDFKit.Mixins.TextOptions): number };
  const prototype = PDFDocument.prototype as unknown as Measuring;
  const original = prototype.widthOfString;
  const spy = vi.spyOn(prototype, 'widthOfString').mockImplementation(function (this: PDFKit.PDFDocument, text, options) {
    characters += text.length;
    return original.call(this, text, options);
  });
  try {
    return { bytes: await render(), characters };
  } finally {
    spy.mockRestore();
  }
}

const capture = (overrides: Partial<FieldCapture> = {}): FieldCapture => ({ faultDescription: 'Pierde presión', checklist: [], photos: [], signatures: [], ...overrides });

const workOrderPlaces: Record<string, () => Parameters<typeof renderWorkOrderPdf>[0]> = {
  'work done': () => ({ workOrder: workOrderFixture({ workDone: WORD }), customer: customerFixture, settings: settingsFixture, capture: capture() }),
  'the fault (ticket description)': () => ({ workOrder: workOrderFixture(), customer: customerFixture, settings: settingsFixture, capture: capture({ faultDescription: WORD }) }),
  'a checklist text answer': () => ({
    workOrder: workOrderFixture(),
    customer: customerFixture,
    settings: settingsFixture,
    capture: capture({ checklist: [{ key: 'code', label: 'Código de error', kind: 'text', unit: null, value: WORD, note: null }] }),
  }),
  'a part description': () => ({
    workOrder: workOrderFixture({ items: [{ ...itemFixture(1), productId: null, productName: null, productSku: null, description: WORD }] }),
    customer: customerFixture,
    settings: settingsFixture,
  }),
};

const ticketPlaces: Record<string, () => Parameters<typeof renderTicketPdf>[0]> = {
  description: () => ({ ticket: ticketFixture({ description: WORD }), settings: settingsFixture }),
  'a timeline note': () => {
    const base = ticketFixture();
    const timeline = base.timeline.map((event) => (event.eventType === 'note' ? { ...event, content: WORD } : event));
    return { ticket: ticketFixture({ timeline }), settings: settingsFixture };
  },
  resolution: () => ({ ticket: ticketFixture({ resolution: WORD }), settings: settingsFixture }),
  "an OT's work done": () => ({ ticket: ticketFixture({ workOrders: [workOrderFixture({ workDone: WORD })] }), settings: settingsFixture }),
  "an OT's part description": () => ({
    ticket: ticketFixture({ workOrders: [workOrderFixture({ items: [{ ...itemFixture(1), productName: null, productSku: null, description: WORD }] })] }),
    settings: settingsFixture,
  }),
};

describe('a 20,000-character word in the OT report', () => {
  for (const [place, data] of Object.entries(workOrderPlaces)) {
    it(`prints every character once, in order: ${place}`, async () => {
      const { bytes, characters } = await measuredCharacters(() => renderWorkOrderPdf(data(), es));
      expect(printedGreek(bytes)).toBe(WORD);
      expect(characters).toBeLessThan(20 * WORD.length);
    });
  }
});

describe('a 20,000-character word in the ticket report', () => {
  for (const [place, data] of Object.entries(ticketPlaces)) {
    it(`prints every character once, in order: ${place}`, async () => {
      const { bytes, characters } = await measuredCharacters(() => renderTicketPdf(data(), es));
      expect(printedGreek(bytes)).toBe(WORD);
      expect(characters).toBeLessThan(20 * WORD.length);
    });
  }
});

describe('breakLongWords', () => {
  afterEach(() => vi.restoreAllMocks());
  const doc = () => new PDFDocument({ autoFirstPage: false }).font('Helvetica').fontSize(10);

  it('leaves ordinary text alone without measuring it', () => {
    const pdf = doc();
    const widthOf = vi.spyOn(pdf, 'widthOfString');
    const text = 'La caldera pierde presión cada mañana; el cliente pide que se llame antes de ir.';
    expect(breakLongWords(pdf, text, 300)).toBe(text);
    expect(widthOf).not.toHaveBeenCalled();
  });

  it('cuts only the over-long word, into pieces narrower than the column, keeping every character and space', () => {
    const pdf = doc();
    const text = `Código: ${longWord(3000)} y fin\nsegunda línea`;
    const out = breakLongWords(pdf, text, 200);
    expect(out.replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
    expect(out.startsWith('Código: ')).toBe(true);
    expect(out.endsWith(' y fin\nsegunda línea')).toBe(true);
    const pieces = out.split('\n').slice(1, -2);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(pdf.widthOfString(`${piece}\n`)).toBeLessThanOrEqual(200);
    // Full lines: no piece but the last is much narrower than the column.
    for (const piece of pieces.slice(0, -1)) expect(pdf.widthOfString(piece)).toBeGreaterThan(180);
  });

  it('cuts a long link after a slash when one is near the end of the line', () => {
    const pdf = doc();
    const link = `https://ejemplo.example/${Array.from({ length: 60 }, (_, i) => `parte${i}`).join('/')}`;
    const out = breakLongWords(pdf, link, 200);
    const pieces = out.split('\n');
    expect(pieces.join('')).toBe(link);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('/')).toBe(true);
    for (const piece of pieces) expect(pdf.widthOfString(`${piece}\n`)).toBeLessThanOrEqual(200);
  });

  it('keeps a letter and its combining accent together', () => {
    const pdf = doc();
    const word = 'e\u0301'.repeat(2000);
    const out = breakLongWords(pdf, word, 100);
    for (const piece of out.split('\n')) expect(piece.startsWith('\u0301')).toBe(false);
    expect(out.replace(/\n/g, '')).toBe(word);
  });

  it('measures each distinct character once and each piece once: linear in the length', () => {
    const measured = (length: number) => {
      const pdf = doc();
      let characters = 0;
      const original = pdf.widthOfString.bind(pdf);
      vi.spyOn(pdf, 'widthOfString').mockImplementation((text: string, options?: PDFKit.Mixins.TextOptions) => {
        characters += text.length;
        return original(text, options);
      });
      breakLongWords(pdf, longWord(length), 200);
      return characters;
    };
    const small = measured(5_000);
    const large = measured(40_000);
    expect(large).toBeLessThan(3 * 40_000);
    expect(large / small).toBeLessThan(8.5);
  });
});
