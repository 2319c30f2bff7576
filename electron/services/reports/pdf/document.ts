// The shared page furniture of every report: A4 document with embedded fonts, header, sections, fields, footer.
import PDFDocument from 'pdfkit';
import type { SettingsDto } from '../../../contract';
import { loadReportFonts } from '../fonts';
import type { ReportLanguage } from '../labels';

export type Pdf = PDFKit.PDFDocument;

export const FONT = { regular: 'EmeraldBody', bold: 'EmeraldBold' } as const;
export const COLOR = { text: '#1d1d1f', muted: '#5f6368', rule: '#c9ced3', accent: '#0b6e4f', band: '#eef4f1', zebra: '#f7f8f9' };
const MARGIN = { top: 48, bottom: 64, left: 50, right: 50 };

export function contentLeft(doc: Pdf): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when fewer than `height` points are left, so blocks are never split. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function createReportDocument(meta: { title: string; language: ReportLanguage; generatedAt: string }): Pdf {
  const fonts = loadReportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: meta.language,
    info: { Title: meta.title, Creator: 'Emerald', Producer: 'Emerald', CreationDate: new Date(meta.generatedAt) },
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  return doc;
}

/** Writes "footer left … Page n of m" on every page, then ends the document and returns its bytes. */
export function finishDocument(doc: Pdf, footerLeft: string, pageLabel: (n: number, total: number) => string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would trigger an automatic page break; lift the margin while we do.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    const x = contentLeft(doc);
    const width = contentWidth(doc);
    doc.moveTo(x, y - 6).lineTo(x + width, y - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
    doc.text(footerLeft, x, y, { width: width * 0.7, lineBreak: false, ellipsis: true });
    doc.text(pageLabel(i - range.start + 1, range.count), x, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** Decodes a PNG/JPEG data URL from settings; anything else is ignored rather than breaking the report. */
export function decodeLogo(dataUrl: string | null): Buffer | null {
  if (!dataUrl) return null;
  const match = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/i.exec(dataUrl);
  if (!match?.[2]) return null;
  const bytes = Buffer.from(match[2], 'base64');
  const isPng = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return isPng || isJpeg ? bytes : null;
}

/** Company block on the left (logo, name, address, contact), report title and code on the right. */
export function drawHeader(doc: Pdf, settings: SettingsDto, title: string, code: string): void {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  const logo = decodeLogo(settings.companyLogo);
  let textX = x;
  let leftBottom = top;
  if (logo) {
    try {
      doc.image(logo, x, top, { fit: [110, 54] });
      textX = x + 122;
      leftBottom = top + 54;
    } catch {
      // A corrupt image must not cost the technician the report.
    }
  }
  const leftWidth = width * 0.64 - (textX - x);
  doc.y = top;
  if (settings.companyName) {
    doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text).text(settings.companyName, textX, top, { width: leftWidth });
  }
  doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
  for (const line of [settings.companyAddress, settings.companyPhone, settings.companyEmail]) {
    if (line) doc.text(line, textX, doc.y + 1, { width: leftWidth });
  }
  leftBottom = Math.max(leftBottom, doc.y);

  const rightX = x + width * 0.64;
  const rightWidth = width * 0.36;
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(title, rightX, top + 2, { width: rightWidth, align: 'right' });
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.accent).text(code, rightX, doc.y + 2, { width: rightWidth, align: 'right' });
  const bottom = Math.max(leftBottom, doc.y) + 10;
  doc.moveTo(x, bottom).lineTo(x + width, bottom).lineWidth(1.5).strokeColor(COLOR.accent).stroke();
  doc.x = x;
  doc.y = bottom + 14;
  doc.fillColor(COLOR.text);
}

export function drawSectionTitle(doc: Pdf, title: string, keepWithNext = 48): void {
  ensureSpace(doc, 28 + keepWithNext);
  if (doc.y > doc.page.margins.top) doc.y += 4; // air above a section, except at the top of a page
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.accent).text(title, x, doc.y, { width });
  const y = doc.y + 2;
  doc.moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  doc.x = x;
  doc.y = y + 6;
  doc.fillColor(COLOR.text);
}

export type Field = readonly [label: string, value: string];

/**
 * Label-over-value cells in a grid; each grid row stays on one page.
 * `columns`: a count of equal columns, or relative widths (e.g. [1, 3]).
 */
export function drawFields(doc: Pdf, fields: readonly Field[], columns: number | readonly number[] = 3): void {
  const x = contentLeft(doc);
  const shares = typeof columns === 'number' ? Array.from({ length: columns }, () => 1) : columns;
  const totalShare = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((share) => (contentWidth(doc) * share) / totalShare);
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  for (let start = 0; start < fields.length; start += shares.length) {
    const row = fields.slice(start, start + shares.length);
    doc.font(FONT.regular).fontSize(10);
    const inner = (i: number) => (widths[i] ?? 0) - 10;
    const valueHeight = Math.max(...row.map(([, value], i) => doc.heightOfString(value || '—', { width: inner(i) })));
    const rowHeight = 11 + valueHeight + 8;
    ensureSpace(doc, rowHeight);
    const y = doc.y;
    row.forEach(([label, value], i) => {
      const cx = x + (offsets[i] ?? 0);
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(label.toUpperCase(), cx, y, { width: inner(i), lineBreak: false });
      doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text).text(value || '—', cx, y + 11, { width: inner(i) });
    });
    doc.x = x;
    doc.y = y + rowHeight;
  }
}

/** Free text (notes, description): flows over pages as needed. */
export function drawParagraph(doc: Pdf, text: string, options: { muted?: boolean } = {}): void {
  const x = contentLeft(doc);
  ensureSpace(doc, 16);
  doc.font(FONT.regular).fontSize(10).fillColor(options.muted ? COLOR.muted : COLOR.text);
  doc.text(text, x, doc.y, { width: contentWidth(doc), lineGap: 1.5 });
  doc.x = x;
  doc.y += 8;
  doc.fillColor(COLOR.text);
}
