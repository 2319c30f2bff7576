// Attachment bytes in bundles (issue 15): rows of `attachments` travel as ops (or snapshot rows); the original bytes
// they name go after them as file pages, so the receiver can show the photo instead of "pendiente de sincronizar".
// Content-addressed: the receiver checks the sha256 before a file takes its name, and keeps a file it already has.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isSha256Hex, originalPath } from '../../../db/attachment-files';
import type { FilePage, FramePage } from './bundle-pages';
import { FILE_PART_BYTES } from './bundle-pages';

/** The hashes of attachments that the pages written so far carry (inserts and snapshot rows). */
export class AttachmentHashes {
  readonly found = new Set<string>();

  note(page: FramePage): void {
    if (page.type === 'ops') {
      for (const op of page.ops) {
        const sha = op.entity === 'attachments' ? op.fields.sha256 : undefined;
        if (typeof sha === 'string' && isSha256Hex(sha)) this.found.add(sha);
      }
    } else if (page.type === 'rows' && page.table === 'attachments') {
      const at = page.columns.indexOf('sha256');
      for (const row of page.rows) if (typeof row[at] === 'string' && isSha256Hex(row[at])) this.found.add(row[at]);
    }
  }
}

/** The file pages of the originals this copy has, one file at a time (at most 4 MB of it in memory per page). */
export async function* filePages(dataDir: string, hashes: Iterable<string>): AsyncGenerator<FilePage> {
  for (const sha256 of hashes) {
    const file = originalPath(dataDir, sha256);
    if (!existsSync(file)) continue; // its bytes have not arrived here either: another member will send them
    const bytes = await readFile(file);
    const parts = Math.max(1, Math.ceil(bytes.length / FILE_PART_BYTES));
    for (let part = 0; part < parts; part++) {
      yield { type: 'file', sha256, part, parts, data: bytes.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES).toString('base64') };
    }
  }
}

/** Receives file pages in order; a file takes its content-addressed name only whole and with the right hash. */
export class IncomingFiles {
  private current: { sha256: string; next: number; handle: FileHandle; temp: string; hash: ReturnType<typeof createHash> } | null = null;
  received = 0;

  constructor(private readonly dataDir: string) {}

  async take(page: FilePage): Promise<void> {
    const target = originalPath(this.dataDir, page.sha256);
    if (page.part === 0) {
      await this.drop();
      if (existsSync(target)) return; // already here: skip its pages
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = `${target}.${process.pid}.incoming`;
      this.current = { sha256: page.sha256, next: 0, handle: await open(temp, 'w', 0o600), temp, hash: createHash('sha256') };
    }
    const current = this.current;
    if (!current || current.sha256 !== page.sha256 || current.next !== page.part) return; // skipped, or out of order: not kept
    const bytes = Buffer.from(page.data, 'base64');
    current.hash.update(bytes);
    await current.handle.write(bytes);
    current.next++;
    if (current.next < page.parts) return;
    this.current = null;
    await current.handle.sync();
    await current.handle.close();
    if (current.hash.digest('hex') === current.sha256 && !existsSync(target)) {
      await rename(current.temp, target);
      this.received++;
    } else {
      await rm(current.temp, { force: true });
    }
  }

  /** A file cut short (a cancelled import, a damaged bundle) leaves no partial file behind. */
  async drop(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (!current) return;
    await current.handle.close().catch(() => undefined);
    await rm(current.temp, { force: true });
  }
}
