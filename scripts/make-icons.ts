// `npx tsx scripts/make-icons.ts`: every icon file from build/icon.svg, rasterized by the Chromium the e2e tests use
// (no image library in the dependencies). The outputs are committed; run again after changing the SVG.
//   build/icons/<N>x<N>.png  Linux (electron-builder's icon folder) and the window icon
//   build/icon.png           1024 px, macOS (electron-builder makes the .icns from it)
//   build/icon.ico           Windows installer and executable (16–256 px)
//   renderer/public/favicon.ico, favicon.svg   the page icon in browser mode (Vite copies public/ into dist/)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SOURCE = path.join(repoRoot, 'build', 'icon.svg');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const FAVICON_SIZES = [16, 32, 48];

/** An .ico holding PNG images (Windows Vista and later, every browser): a directory, then the PNGs as they are. */
export function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function rasterize(svg: string, sizes: readonly number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const out = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${data}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.waitForFunction('document.images[0].complete');
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const svg = readFileSync(SOURCE, 'utf8');
  const pngs = await rasterize(svg, PNG_SIZES);
  const png = (size: number) => pngs.get(size) as Buffer;
  const iconsDir = path.join(repoRoot, 'build', 'icons');
  mkdirSync(iconsDir, { recursive: true });
  for (const size of PNG_SIZES) writeFileSync(path.join(iconsDir, `${size}x${size}.png`), png(size));
  writeFileSync(path.join(repoRoot, 'build', 'icon.png'), png(1024));
  writeFileSync(path.join(repoRoot, 'build', 'icon.ico'), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  const publicDir = path.join(repoRoot, 'renderer', 'public');
  mkdirSync(publicDir, { recursive: true });
  writeFileSync(path.join(publicDir, 'favicon.ico'), icoFromPngs(FAVICON_SIZES.map((size) => ({ size, png: png(size) }))));
  copyFileSync(SOURCE, path.join(publicDir, 'favicon.svg'));
  process.stdout.write(`Icons written from ${path.relative(repoRoot, SOURCE)}.\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`make-icons failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
