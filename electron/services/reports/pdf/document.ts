// The shared page furniture of every report: A4 document with embedded fonts, header, sections, fields, footer.
// Every report is PDF/A-2a (archival, fonts embedded, sRGB output intent) and tagged: headings, paragraphs, tables and
// figures are structure elements (pdfinfo: "Tagged: yes"), rules, fills and footers are artifacts (see ./tagging).
import type { SettingsDto } from '../../../contract';
import { loadReportFonts } from '../fonts';
import { loadPdfKit } from '../../heavyModules';
import type { ReportLanguage } from '../labels';
import { glyphsKeepTheirCharacters } from './glyphCharacters';
import { breakLongWordsIn } from './longWords';
import { artifact, beginStructure, tag } from './tagging';

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

/** The profile every report claims (pdfkit writes the XMP pdfaid entries and the sRGB output intent). */
export const PDF_A_SUBSET = 'PDF/A-2a' as const;

/** pdfkit copies Info strings into the XMP packet unescaped: keep markup characters out of them. */
export function xmpSafe(text: string): string {
  return text.replace(/&/g, '\uFF06').replace(/</g, '\u2039').replace(/>/g, '\u203A');
}

export interface ReportMeta {
  title: string;
  language: ReportLanguage;
  generatedAt: string;
  /** The company that issues the report (Info Author / dc:creator). */
  author?: string;
  subject?: string;
}

/** pdfkit takes a parsed font as well as bytes (a `layout` function tells it so); the type definitions do not say so. */
type ParsedFont = { layout(text: string): unknown };
let parsedFonts: { regular: ParsedFont; bold: ParsedFont } | null = null;

/**
 * The two fonts parsed once per process: parsing DejaVu and its kerning tables again for every report cost tens of
 * milliseconds of blocked event loop each time. Borrowed from a throwaway document, so fontkit is never imported here.
 */
function reportFontsParsed(PDFDocument: Awaited<ReturnType<typeof loadPdfKit>>): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsedFonts) {
    const fonts = loadReportFonts();
    const probe = new PDFDocument({ autoFirstPage: false });
    const parse = (bytes: Buffer) => {
      const font = (probe.font(bytes) as unknown as { _font: { font: ParsedFont } })._font.font;
      glyphsKeepTheirCharacters(font);
      return font;
    };
    parsedFonts = { regular: parse(fonts.regular), bold: parse(fonts.bold) };
  }
  return parsedFonts;
}

export async function createReportDocument(meta: ReportMeta): Promise<Pdf> {
  const PDFDocument = await loadPdfKit();
  const fonts = reportFontsParsed(PDFDocument);
  const info: PDFKit.DocumentInfo = { Title: xmpSafe(meta.title), Creator: 'Emerald', Producer: 'Emerald', CreationDate: new Date(meta.generatedAt) };
  if (meta.author?.trim()) info.Author = xmpSafe(meta.author.trim());
  if (meta.subject?.trim()) info.Subject = xmpSafe(meta.subject.trim());
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: PDF_A_SUBSET,
    tagged: true,
    displayTitle: true,
    lang: meta.language,
    info,
  });
  doc.registerFont(FONT.regular, fonts.regular as unknown as Buffer);
  doc.registerFont(FONT.bold, fonts.bold as unknown as Buffer);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  breakLongWordsIn(doc);
  beginStructure(doc);
  return doc;
}

/** Lets the event loop run other work between drawing steps, so a long report never blocks the backend for long. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A horizontal rule (decoration, not content). */
export function drawRule(doc: Pdf, x: number, y: number, width: number, lineWidth: number, color: string): void {
  artifact(doc, () => doc.moveTo(x, y).lineTo(x + width, y).lineWidth(lineWidth).strokeColor(color).stroke());
}

/** Writes "footer left … Page n of m" on every page, then ends the document and returns its bytes. */
export async function finishDocument(doc: Pdf, footerLeft: string, pageLabel: (n: number, total: number) => string): Promise<Uint8Array> {
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
    artifact(
      doc,
      () => {
        doc.moveTo(x, y - 6).lineTo(x + width, y - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
        doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
        doc.text(footerLeft, x, y, { width: width * 0.7, lineBreak: false, ellipsis: true });
        doc.text(pageLabel(i - range.start + 1, range.count), x, y, { width, align: 'right', lineBreak: false });
      },
      'Pagination',
    );
    doc.page.margins.bottom = bottom;
  }
  // Compressing the pages and embedding the font subsets are the two long synchronous steps: one each, a breath between.
  await breathe();
  doc.flushPages();
  await breathe();
  doc.end();
  return done;
}

/** An image parsed once (pdfkit's openImage, missing from its type definitions): size known before it is placed. */
export interface PdfImage {
  width: number;
  height: number;
}

export function openImage(doc: Pdf, bytes: Buffer): PdfImage {
  return (doc as unknown as { openImage(src: Buffer): PdfImage }).openImage(bytes);
}

export function placeImage(doc: Pdf, image: PdfImage, x: number, y: number, options: PDFKit.Mixins.ImageOption): void {
  doc.image(image as unknown as Buffer, x, y, options);
}

/** What the header prints besides the settings: the report's title and code, and how to introduce the tax ID. */
export interface HeaderText {
  title: string;
  code: string;
  /** "NIF/CIF" (es) or "Tax ID" (en). */
  taxIdLabel: string;
}

/**
 * Company block on the left (logo, name, tax ID, address, contact), report title and code on the right.
 * `logo`: the settings' logo as printableLogo prepared it (small enough to print), or null.
 */
export function drawHeader(doc: Pdf, settings: SettingsDto, header: HeaderText, logo: Buffer | null): void {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  let textX = x;
  let leftBottom = top;
  if (logo) {
    try {
      // pdfkit parses the image when it is placed: a corrupt one throws before anything is drawn.
      const image = openImage(doc, logo);
      tag(doc, 'Figure', () => placeImage(doc, image, x, top, { fit: [110, 54] }), { alt: settings.companyName || 'Logo' });
      textX = x + 122;
      leftBottom = top + 54;
    } catch {
      // A corrupt image must not cost the technician the report.
    }
  }
  const leftWidth = width * 0.64 - (textX - x);
  doc.y = top;
  if (settings.companyName) {
    tag(doc, 'P', () => doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text).text(settings.companyName, textX, top, { width: leftWidth }));
  }
  const taxId = settings.companyTaxId?.trim();
  const lines = [taxId ? `${header.taxIdLabel} ${taxId}` : '', settings.companyAddress, settings.companyPhone, settings.companyEmail];
  for (const line of lines) {
    if (!line) continue;
    tag(doc, 'P', () => doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted).text(line, textX, doc.y + 1, { width: leftWidth }));
  }
  leftBottom = Math.max(leftBottom, doc.y);

  const rightX = x + width * 0.64;
  const rightWidth = width * 0.36;
  tag(doc, 'H1', () => {
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(header.title, rightX, top + 2, { width: rightWidth, align: 'right' });
    doc.font(FONT.bold).fontSize(16).fillColor(COLOR.accent).text(header.code, rightX, doc.y + 2, { width: rightWidth, align: 'right' });
  });
  const bottom = Math.max(leftBottom, doc.y) + 10;
  drawRule(doc, x, bottom, width, 1.5, COLOR.accent);
  doc.x = x;
  doc.y = bottom + 14;
  doc.fillColor(COLOR.text);
}

export function drawSectionTitle(doc: Pdf, title: string, keepWithNext = 48, level: 'H2' | 'H3' = 'H2'): void {
  ensureSpace(doc, 28 + keepWithNext);
  if (doc.y > doc.page.margins.top) doc.y += 4; // air above a section, except at the top of a page
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  tag(doc, level, () => doc.font(FONT.bold).fontSize(level === 'H2' ? 11 : 10).fillColor(COLOR.accent).text(title, x, doc.y, { width }));
  const y = doc.y + 2;
  drawRule(doc, x, y, width, 0.5, COLOR.rule);
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
      // Read as "Técnico: Íñigo Muñoz": the label in capitals is only how it looks.
      tag(doc, 'P', () => {
        doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(label.toUpperCase(), cx, y, { width: inner(i), lineBreak: false });
        doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text).text(value || '—', cx, y + 11, { width: inner(i) });
      });
    });
    doc.x = x;
    doc.y = y + rowHeight;
  }
}

/** Free text (notes, description): flows over pages as needed. */
export function drawParagraph(doc: Pdf, text: string, options: { muted?: boolean } = {}): void {
  const x = contentLeft(doc);
  ensureSpace(doc, 16);
  tag(doc, 'P', () => {
    doc.font(FONT.regular).fontSize(10).fillColor(options.muted ? COLOR.muted : COLOR.text);
    doc.text(text, x, doc.y, { width: contentWidth(doc), lineGap: 1.5 });
  });
  doc.x = x;
  doc.y += 8;
  doc.fillColor(COLOR.text);
}
