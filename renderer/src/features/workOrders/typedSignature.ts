// A signature made from the keyboard: the signer's name written in a one-stroke script font, as strokes in the pad's
// box, so it is stored, checked and printed exactly like one drawn with a pointer.
import { SIGNATURE_BOX, SIGNATURE_LIMITS, type SignaturePoint, type SignatureStrokes } from '../../../../electron/contract/signatures';
import { SCRIPT_GLYPHS } from './signatureScript';

type Glyph = readonly [advance: number, paths: string];
/** A line of the name in font units (1000 per em, y up from the baseline), with the span its ink covers. */
interface WrittenLine {
  strokes: SignaturePoint[][];
  left: number;
  right: number;
}

const LINE_WIDTH = SIGNATURE_BOX.width - 80;
/** One line sits on the pad's faint line (80 % down); a long name takes two lines, smaller. Sizes are per em. */
const ONE_LINE = { baselines: [SIGNATURE_BOX.height * 0.8], largestEm: 240 };
const TWO_LINES = { baselines: [SIGNATURE_BOX.height * 0.47, SIGNATURE_BOX.height * 0.87], largestEm: 140 };
/** A name that one line would write smaller than this takes two lines (a signature reads best on one). */
const TWO_LINES_BELOW_EM = 100;
/** Below this size a name is no longer legible in the printed report: refuse rather than draw it. */
const SMALLEST_EM = 70;

export type TypedSignature = { strokes: SignatureStrokes } | { refused: 'empty' | 'too_long' };

/** The glyph for a character: its own, else its letter without the accent ("ł" → "l"), else none. */
function glyphOf(character: string): Glyph | undefined {
  return SCRIPT_GLYPHS[character] ?? SCRIPT_GLYPHS[character.normalize('NFD').replace(/\p{M}/gu, '')];
}

function written(text: string): WrittenLine {
  const strokes: SignaturePoint[][] = [];
  let x = 0;
  for (const [advance, paths] of [...text].map(glyphOf).filter((glyph) => glyph !== undefined)) {
    for (const path of paths === '' ? [] : paths.split('|')) {
      const numbers = path.split(' ').map(Number);
      const stroke: SignaturePoint[] = [];
      for (let index = 0; index + 1 < numbers.length; index += 2) stroke.push([x + (numbers[index] as number), numbers[index + 1] as number]);
      strokes.push(stroke);
    }
    x += advance;
  }
  const xs = strokes.flat().map(([px]) => px);
  return { strokes, left: Math.min(...xs), right: Math.max(...xs) };
}

/** The em size at which the widest of these lines fills the pad's width, at most `largestEm`. */
const fit = (lines: WrittenLine[], largestEm: number) => Math.min(largestEm, (LINE_WIDTH / Math.max(...lines.map((line) => line.right - line.left))) * 1000);

/** The name's words in two lines of the most even width. */
function twoLines(words: string[]): WrittenLine[] {
  let best: WrittenLine[] = [];
  let bestEm = 0;
  for (let split = 1; split < words.length; split += 1) {
    const lines = [written(words.slice(0, split).join(' ')), written(words.slice(split).join(' '))];
    const em = fit(lines, Infinity);
    if (em > bestEm) [best, bestEm] = [lines, em];
  }
  return best;
}

const round = (value: number) => Math.round(value * 10) / 10;
const within = (value: number, max: number) => Math.min(max, Math.max(0, round(value)));

/** Font units to the pad's box: centred on the ink, on its baseline, y down. */
function placed(line: WrittenLine, baseline: number, scale: number): SignatureStrokes {
  const offset = (SIGNATURE_BOX.width - (line.right - line.left) * scale) / 2 - line.left * scale;
  return line.strokes.map((stroke) => stroke.map(([x, y]) => [within(offset + x * scale, SIGNATURE_BOX.width), within(baseline - y * scale, SIGNATURE_BOX.height)]));
}

export function typedSignature(name: string): TypedSignature {
  const words = name.trim().split(/\s+/).filter(Boolean);
  let lines = [written(words.join(' '))];
  if ((lines[0] as WrittenLine).strokes.length === 0) return { refused: 'empty' };
  let layout = ONE_LINE;
  if (fit(lines, ONE_LINE.largestEm) < TWO_LINES_BELOW_EM && words.length > 1) {
    const split = twoLines(words);
    if (fit(split, TWO_LINES.largestEm) > fit(lines, ONE_LINE.largestEm)) [layout, lines] = [TWO_LINES, split];
  }
  const em = fit(lines, layout.largestEm);
  if (em < SMALLEST_EM) return { refused: 'too_long' };
  const strokes = lines.flatMap((line, index) => placed(line, layout.baselines[index] as number, em / 1000));
  const points = strokes.reduce((sum, stroke) => sum + stroke.length, 0);
  if (strokes.length > SIGNATURE_LIMITS.strokes || points > SIGNATURE_LIMITS.points) return { refused: 'too_long' };
  return { strokes };
}
