// More of poppler for the archival/tagged OT report: the embedded images (pdfimages -list) and the document's
// info, XMP metadata and structure tree (pdfinfo, pdfinfo -meta, pdfinfo -struct).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function withPdf<T>(bytes: Uint8Array, read: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-poppler-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfImage {
  page: number;
  type: string;
  width: number;
  height: number;
  color: string;
  enc: string;
}

/** One row per image placed, as `pdfimages -list` reports it (soft masks left out). */
export function pdfImages(bytes: Uint8Array): PdfImage[] {
  const out = withPdf(bytes, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length > 8 && /^\d+$/.test(cells[0] ?? ''))
    .map((cells) => ({ page: Number(cells[0]), type: cells[2] ?? '', width: Number(cells[3]), height: Number(cells[4]), color: cells[5] ?? '', enc: cells[8] ?? '' }))
    .filter((image) => image.type === 'image');
}

export interface PdfInfo {
  text: string;
  meta: string;
  structure: string;
  pdfVersion: string;
}

export function pdfInfo(bytes: Uint8Array): PdfInfo {
  return withPdf(bytes, (file) => {
    const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return {
      text,
      meta: execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }),
      structure: execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8' }),
      pdfVersion: /^PDF version:\s+(\S+)$/m.exec(text)?.[1] ?? '',
    };
  });
}
