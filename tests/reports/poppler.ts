// More of poppler for the archival/tagged OT report: the embedded images (pdfimages -list) and the document's
// info, XMP metadata and structure tree (pdfinfo, pdfinfo -meta, pdfinfo -struct).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

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

/**
 * Painting operators (text, paths, images) found outside any marked content in the page streams: in a tagged PDF/A-2a
 * every one must be inside a structure element's marked content or an artifact. Returns the offending lines.
 */
export function unmarkedPainting(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const found: string[] = [];
  const streamPattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (const match of text.matchAll(streamPattern)) {
    const dictionary = match[1] ?? '';
    if (!dictionary.includes('/FlateDecode') || /\/Subtype \/Image|\/Length1|\/Type \/Metadata|\/N 3/.test(dictionary)) continue;
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(Buffer.from(text.slice(start, end), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    if (!/\bBT\b|\bre\b|\bDo\b/.test(content)) continue; // not a page's content
    let depth = 0;
    for (const raw of content.split('\n')) {
      const line = raw.trim();
      if (/\b(BDC|BMC)$/.test(line)) depth++;
      else if (line === 'EMC') depth--;
      else if (depth === 0 && /(\bTj|TJ|\bS|\bf|\bDo|\bre)$/.test(line)) found.push(line.slice(0, 80));
    }
    if (depth !== 0) found.push(`unbalanced marked content (${depth})`);
  }
  return found;
}
