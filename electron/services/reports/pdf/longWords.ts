// Long unbroken words (a pasted hash, a log line without spaces) cut into pieces that fit the column, in one pass.
// pdfkit cuts a word wider than its column itself, but for every line it measures (and caches the layout of) the whole
// rest of the word again: work that grows with the square of the word's length (a 20,000-character word took 10-19 s
// and hundreds of MB). We cut such words before pdfkit sees them, joined by line breaks: the same characters in the
// same order, each piece narrower than the column, so pdfkit never takes its slow path.
import type { Pdf } from './document';

/**
 * No glyph is wider than this many ems (DejaVu Sans's widest advance is 1.87 em, Bold's 2.02): a run of fewer UTF-16
 * units than width / (this × size) fits without being measured.
 */
const MAX_GLYPH_EM = 2.5;
/** Room left for kerning, which the sum of single characters' widths does not see. */
const KERNING_SLACK = 0.98;
/** What pdfkit's line breaking counts as space between words; anything else may be part of one unbreakable word. */
const RUN = /[^ \t\n\r]+/g;

/**
 * A character as a reader sees it: a code point with its combining marks, and emoji joined by ZWJ. Close enough to
 * Unicode's grapheme clusters for where a cut may fall, and ~100 times faster than Intl.Segmenter on a long word.
 */
const CHARACTER = /(?:\P{M}\p{M}*)(?:\u200D\P{M}\p{M}*)*|\p{M}+/gu;

/**
 * Each character's width at size 1, per font. The report fonts are parsed once per process (document.ts), so every
 * report shares what earlier ones measured; widths scale with the size.
 */
const unitWidths = new WeakMap<object, Map<string, number>>();

interface CharacterWidths {
  size: number;
  of(character: string): number;
}

function characterWidths(doc: Pdf): CharacterWidths {
  const state = doc as unknown as { _font?: { font?: object }; _fontSize?: number };
  const size = state._fontSize ?? 12;
  const font: object = state._font?.font ?? state._font ?? doc;
  let unit = unitWidths.get(font);
  if (!unit) unitWidths.set(font, (unit = new Map()));
  const known = unit;
  return {
    size,
    of(character) {
      let width = known.get(character);
      if (width === undefined) known.set(character, (width = doc.widthOfString(character) / size));
      return width * size;
    },
  };
}

function summedWidth(run: string, widths: CharacterWidths): number {
  let sum = 0;
  for (const [character] of run.matchAll(CHARACTER)) sum += widths.of(character);
  return sum;
}

/** Characters after which a long link or path reads well cut: the line ends on them, as pdfkit would have broken it. */
const CUT_AFTER = new Set(['/', '-', '_', '.', '?', '&', '=', ',', ';', ':', '\\', '|', '\u2010', '\u2013', '\u2014']);
/** A cut moves back to such a character only within the piece's last 30 %, so lines stay nearly full. */
const CUT_BACK = 0.3;

/**
 * Cuts one run wider than `room` into pieces of at most `room`, measuring each distinct character once and each piece
 * once; a piece ends after a slash or hyphen near its end when it has one (a link breaks between its parts).
 */
function cutRun(doc: Pdf, run: string, room: number, widths: CharacterWidths): string[] {
  const pieces: string[] = [];
  let piece: string[] = [];
  let sum = 0;
  let lastCut = -1;
  const carry = (from: number) => {
    const carried = piece.splice(from);
    pieces.push(piece.join(''));
    piece = carried;
    sum = carried.reduce((total, g) => total + widths.of(g), 0);
    lastCut = -1;
    carried.forEach((g, i) => {
      if (CUT_AFTER.has(g)) lastCut = i;
    });
  };
  /** `full`: the next character did not fit (not the run's end), so a cut after a slash may come back a little. */
  const close = (full: boolean) => {
    let end = piece.length;
    // One exact measure per piece; when kerning made it too wide after all, its last characters start the next one.
    while (end > 1 && doc.widthOfString(piece.slice(0, end).join('')) > room) end--;
    if (full && end === piece.length && lastCut >= 0 && lastCut < end - 1 && lastCut + 1 >= end * (1 - CUT_BACK)) end = lastCut + 1;
    carry(end);
  };
  for (const [segment] of run.matchAll(CHARACTER)) {
    const width = widths.of(segment);
    if (piece.length > 0 && sum + width > room * KERNING_SLACK) close(true);
    piece.push(segment);
    sum += width;
    if (CUT_AFTER.has(segment)) lastCut = piece.length - 1;
  }
  while (piece.length > 0) close(false);
  return pieces;
}

/**
 * `text` with every run of non-space characters wider than `width` (in the document's current font and size) cut
 * into pieces joined by '\n'. Text without such a run comes back unchanged, having measured nothing.
 */
export function breakLongWords(doc: Pdf, text: string, width: number): string {
  const widths = characterWidths(doc);
  if (!(widths.size > 0)) return text;
  const alwaysFits = Math.floor(width / (MAX_GLYPH_EM * widths.size));
  if (text.length <= alwaysFits) return text;
  // A piece is followed by the '\n' we add or by a space, and pdfkit counts that character in the word's width.
  let room = -1;
  return text.replace(RUN, (run) => {
    if (run.length <= alwaysFits) return run;
    if (room < 0) room = width - Math.max(widths.of('\n'), widths.of(' '));
    // The sum of its characters' widths (each measured once) settles most runs; only one near the edge is measured whole.
    const estimate = summedWidth(run, widths);
    if (estimate <= room * KERNING_SLACK || (estimate <= room / KERNING_SLACK && doc.widthOfString(run) <= room)) return run;
    return cutRun(doc, run, Math.max(room, 1), widths).join('\n');
  });
}

type TextOptions = PDFKit.Mixins.TextOptions;

function optionsOf(args: readonly unknown[]): TextOptions | undefined {
  const [x, , options] = args;
  if (x && typeof x === 'object') return x as TextOptions;
  return options && typeof options === 'object' ? (options as TextOptions) : undefined;
}

/**
 * Makes every text() and heightOfString() of this document with a width cut over-long words first, so a block is
 * measured exactly as it is drawn; our drawing code passes a width to every call that wraps.
 */
export function breakLongWordsIn(doc: Pdf): void {
  const text = doc.text.bind(doc) as (...args: unknown[]) => Pdf;
  const heightOfString = doc.heightOfString.bind(doc);
  const prepare = (value: unknown, options: TextOptions | undefined): unknown =>
    typeof value === 'string' && typeof options?.width === 'number' ? breakLongWords(doc, value, options.width) : value;
  doc.text = ((value: unknown, ...rest: unknown[]) => text(prepare(value, optionsOf(rest)), ...rest)) as Pdf['text'];
  doc.heightOfString = (value: string, options?: TextOptions) => heightOfString(prepare(value, options) as string, options);
}
