// Image work for attachments, all through sharp (libvips on its own threads): the main thread only awaits.
import type Sharp from 'sharp';
import { AppError } from '../../contract';
import { loadSharp } from '../heavyModules';
import { DISPLAY_MAX_SIDE, MAX_IMAGE_PIXELS, THUMB_MAX_SIDE } from '../../contract/attachments';

export interface DerivedImages {
  /** Size as seen (EXIF orientation applied). */
  width: number;
  height: number;
  display: Buffer;
  thumb: Buffer;
}

const tooLarge = (width: number, height: number) =>
  new AppError('VALIDATION', `the image is ${width} × ${height} pixels; at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted`, {
    reason: 'image_too_large',
    field: 'bytes',
    width,
    height,
  });

const unreadable = () => new AppError('VALIDATION', 'the image cannot be read (damaged or not really an image)', { reason: 'image_unreadable', field: 'bytes' });

/** The header's size, checked before any pixel is decoded. */
async function headerSize(bytes: Uint8Array): Promise<{ width: number; height: number; orientation: number }> {
  let meta: Awaited<ReturnType<ReturnType<typeof Sharp>['metadata']>>;
  try {
    meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  const { width, height } = meta;
  if (!width || !height) throw unreadable();
  if (width * height > MAX_IMAGE_PIXELS) throw tooLarge(width, height);
  return { width, height, orientation: meta.orientation ?? 1 };
}

/** Display (≤ 1600 px) and thumbnail (≤ 320 px) JPEGs, rotated as the camera's EXIF orientation says. */
export async function deriveImages(bytes: Uint8Array): Promise<DerivedImages> {
  const header = await headerSize(bytes);
  const swapped = header.orientation >= 5 && header.orientation <= 8;
  let display: Buffer;
  try {
    display = await (await loadSharp())(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: false })
      .toBuffer();
  } catch {
    throw unreadable();
  }
  const thumb = await thumbFrom(display);
  return { width: swapped ? header.height : header.width, height: swapped ? header.width : header.height, display, thumb };
}

/** The thumbnail is made from the display copy (already upright and small): a fraction of the work of the original. */
export async function thumbFrom(display: Uint8Array): Promise<Buffer> {
  return (await loadSharp())(display).resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
}

export async function sizeOf(jpeg: Uint8Array): Promise<{ width: number; height: number }> {
  const meta = await (await loadSharp())(jpeg).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}
