// Finds and caches the embedded report fonts (DejaVu Sans), so PDFs never depend on the OS's fonts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
}

function thisModuleDir(): string | null {
  // Bundled to CommonJS (the Electron main build), import.meta.url may be missing.
  const url = typeof import.meta === 'object' ? import.meta.url : undefined;
  return url ? path.dirname(fileURLToPath(url)) : null;
}

/** Walks up from `start` looking for `build/fonts` holding the regular font. */
function findUpwards(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'build', 'fonts');
    if (existsSync(path.join(candidate, FONT_FILES.regular))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The folder with the report fonts: EMERALD_FONT_DIR, then `<resources>/fonts` when packaged
 * (electron-builder extraResources), then `build/fonts` above this module or the working folder.
 */
export function resolveFontDir(): string {
  const fromEnv = process.env.EMERALD_FONT_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, FONT_FILES.regular))) return fromEnv;
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const packaged = path.join(resourcesPath, 'fonts');
    if (existsSync(path.join(packaged, FONT_FILES.regular))) return packaged;
  }
  for (const start of [thisModuleDir(), process.cwd()]) {
    const found = start ? findUpwards(start) : null;
    if (found) return found;
  }
  throw new Error(`report fonts not found: expected ${FONT_FILES.regular} in build/fonts or EMERALD_FONT_DIR`);
}

let cached: ReportFonts | null = null;

/** Reads the two TTF files once per process; every report reuses the bytes. */
export function loadReportFonts(): ReportFonts {
  if (!cached) {
    const dir = resolveFontDir();
    cached = {
      regular: readFileSync(path.join(dir, FONT_FILES.regular)),
      bold: readFileSync(path.join(dir, FONT_FILES.bold)),
    };
  }
  return cached;
}
