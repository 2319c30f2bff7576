// The company logo kept no bigger than the reports print it. The PDF header fits it into 110 × 54 pt, about 460 px at
// 300 dpi: 600 px on the long side is plenty. A 6000 × 4000 logo made pdfkit decode and re-compress 24 megapixels for
// every OT PDF (2.4 s and 300 MB each). New logos are downscaled when saved (settings.update); one an older version
// stored large is downscaled at its first PDF in this process and the small copy kept (nothing written: no migration).
import { loadSharp } from './heavyModules';

export const LOGO_MAX_SIDE = 600;

const DATA_URL = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/i;

/** The image bytes of a PNG/JPEG data URL (as its content says, not its label), or null. */
export function logoBytes(dataUrl: string | null | undefined): Buffer | null {
  const match = dataUrl ? DATA_URL.exec(dataUrl) : null;
  if (!match?.[2]) return null;
  const bytes = Buffer.from(match[2], 'base64');
  const isPng = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return isPng || isJpeg ? bytes : null;
}

/**
 * The logo no larger than LOGO_MAX_SIDE on its long side, as a data URL of the same kind (PNG stays PNG with its
 * transparency, JPEG stays JPEG; EXIF orientation applied). A logo already small enough, or one sharp cannot read,
 * comes back unchanged (so downscaling twice changes nothing).
 */
export async function downscaleLogo(dataUrl: string): Promise<string> {
  const bytes = logoBytes(dataUrl);
  if (!bytes) return dataUrl;
  const smaller = await downscaledBytes(bytes);
  if (!smaller) return dataUrl;
  return `data:image/${smaller.format};base64,${smaller.bytes.toString('base64')}`;
}

async function downscaledBytes(bytes: Buffer): Promise<{ bytes: Buffer; format: 'png' | 'jpeg' } | null> {
  try {
    const sharp = await loadSharp();
    const meta = await sharp(bytes).metadata();
    const format = meta.format === 'png' || meta.format === 'jpeg' ? meta.format : null;
    if (!format || !meta.width || !meta.height) return null;
    if (Math.max(meta.width, meta.height) <= LOGO_MAX_SIDE) return null;
    const resized = sharp(bytes).rotate().resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const out = format === 'png' ? await resized.png({ compressionLevel: 9 }).toBuffer() : await resized.jpeg({ quality: 90 }).toBuffer();
    return { bytes: out, format };
  } catch {
    return null;
  }
}

/** The few logos last prepared for a PDF (usually one: the company's), by their stored data URL. */
const printable = new Map<string, Promise<Buffer | null>>();
const PRINTABLE_KEPT = 2;

/**
 * The logo's bytes for a PDF header: small enough to print, downscaled once per process when stored large; null when
 * there is none or it is not a PNG/JPEG. sharp works on libuv's threads: the event loop only awaits.
 */
export function printableLogo(dataUrl: string | null | undefined): Promise<Buffer | null> {
  if (!dataUrl) return Promise.resolve(null);
  const known = printable.get(dataUrl);
  if (known) return known;
  const bytes = logoBytes(dataUrl);
  const prepared = bytes ? downscaledBytes(bytes).then((smaller) => smaller?.bytes ?? bytes) : Promise.resolve(null);
  printable.set(dataUrl, prepared);
  for (const key of printable.keys()) if (printable.size > PRINTABLE_KEPT) printable.delete(key);
  return prepared;
}

/** Forgets the prepared logos (bench runs that measure the first PDF after a logo change). */
export function clearPrintableLogos(): void {
  printable.clear();
}
