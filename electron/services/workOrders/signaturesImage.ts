// A signature's strokes drawn as a PNG (SVG rasterized by sharp, off the main thread): what the screen and PDF show.
import { loadSharp } from '../heavyModules';
import { SIGNATURE_BOX, type SignatureStrokes } from '../../contract/signatures';

/** The stored image: 600 × 240 px (the 1000 × 400 box at 0.6), dark ink on white so it reads on any theme and paper. */
export const SIGNATURE_IMAGE = { width: 600, height: 240 } as const;
const INK = '#14213d';
const INK_WIDTH = 5;

/** Coordinates kept to a tenth of a box unit: finer than any screen, and the stored JSON stays small. */
export function roundStrokes(strokes: SignatureStrokes): SignatureStrokes {
  return strokes.map((stroke) => stroke.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]));
}

/** One stroke as a smooth path: quadratic curves through the midpoints; a single point is a round dot. */
function strokePath(stroke: SignatureStrokes[number]): string {
  const [first, ...rest] = stroke;
  if (!first) return '';
  if (rest.length === 0) return `M${first[0]} ${first[1]}l0.01 0`;
  const parts = [`M${first[0]} ${first[1]}`];
  for (let index = 1; index < stroke.length - 1; index++) {
    const [x, y] = stroke[index] as [number, number];
    const [nextX, nextY] = stroke[index + 1] as [number, number];
    parts.push(`Q${x} ${y} ${(x + nextX) / 2} ${(y + nextY) / 2}`);
  }
  const last = stroke[stroke.length - 1] as [number, number];
  parts.push(`L${last[0]} ${last[1]}`);
  return parts.join('');
}

export function signatureSvg(strokes: SignatureStrokes): string {
  const paths = strokes.map((stroke) => `<path d="${strokePath(stroke)}"/>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIGNATURE_IMAGE.width}" height="${SIGNATURE_IMAGE.height}" viewBox="0 0 ${SIGNATURE_BOX.width} ${SIGNATURE_BOX.height}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<g fill="none" stroke="${INK}" stroke-width="${INK_WIDTH}" stroke-linecap="round" stroke-linejoin="round">${paths}</g></svg>`
  );
}

/** The PNG bytes of a signature (async: sharp renders on libuv's pool, never blocking other calls). */
export async function renderSignaturePng(strokes: SignatureStrokes): Promise<Buffer> {
  return (await loadSharp())(Buffer.from(signatureSvg(strokes))).png({ compressionLevel: 9 }).toBuffer();
}
