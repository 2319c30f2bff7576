// The .emsync bundle file: how a team's changes travel on a USB stick or a shared folder.
//
//   offset 0   magic: "EMSYNC" 0x00, then the format version (1 byte, now 1)
//   then records, each:  type (1 byte)  length (uint32 big-endian)  body (length bytes)
//     'H' header   once, first; plain UTF-8 JSON (BundleHeader): format, teamId, fromDevice, toDevice?,
//                  kind 'ops'|'snapshot', createdAt, schemaVersion, senderVector, receiverVector (the vector the
//                  bundle was cut for), opCount, rowCount, senderPublicKey, senderLastHlc. Plain so a reader can
//                  refuse a foreign team or a newer schema before decrypting anything; the signature covers it.
//     'F' frame    0..n; IV (12 random bytes) + AES-256-GCM ciphertext + tag (16) under the team key;
//                  plaintext = gzip(JSON page): {type:'ops', ops:[≤ 2000 OpRecord]} in HLC order, or for a
//                  snapshot {type:'tombstones'|'rows'|'fieldEdits'|'conflicts'|'heldOps', ...} pages.
//     'T' trailer  once, last; encrypted like a frame; plaintext = JSON {frames, ops, rows, signature}.
//   AAD of the i-th encrypted record (frames from 0, the trailer after them) = sha256(header body) ‖ type ‖ uint32 i,
//   so a frame cannot be moved to another bundle or another place in this one.
//   signature = Ed25519 (the sending device's key) over sha256(every byte before the trailer record) ‖ JSON {frames, ops, rows}.
// A reader streams it record by record (one frame in memory at a time); a file that ends early is truncated,
// bytes after the trailer or a failed tag or signature are tampered.
import { createCipheriv, createDecipheriv, createHash, randomBytes, sign, verify, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../../contract';
import { asFramePage, pageSize, type FramePage } from './bundle-pages';

export { FRAME_PAGE_SIZE, type FramePage, type SnapshotPage } from './bundle-pages';

export const BUNDLE_MAGIC = Buffer.from('EMSYNC\u0000', 'latin1');
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.emsync';
// Larger than any honest frame (2000 rows of text, gzipped); a bigger length is refused before allocating it.
const MAX_RECORD_BYTES = 256 * 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const RECORD_HEAD_BYTES = 5;

const RECORD = { header: 0x48, frame: 0x46, trailer: 0x54 } as const;

export type BundleRefusalReason =
  | 'not_a_bundle'
  | 'newer_format'
  | 'truncated'
  | 'tampered'
  | 'malformed'
  | 'foreign_team'
  | 'newer_schema'
  | 'unknown_member'
  | 'invitation_taken'
  | 'invitation_cancelled'
  | 'revoked_member'
  | 'own_bundle'
  | 'not_fresh';

export function refuse(reason: BundleRefusalReason, message: string, words: Record<string, string> = {}): AppError {
  return new AppError('VALIDATION', message, { reason, ...words });
}

export const cancelled = (what: 'export' | 'import'): AppError => new AppError('CONFLICT', `the ${what} was cancelled`, { reason: 'cancelled' });

const vector = z.record(z.string().regex(/^[0-9a-f]{16}$/), z.number().int().min(0));

export const bundleHeader = z.object({
  format: z.literal(BUNDLE_FORMAT_VERSION),
  teamId: z.string().min(1).max(100),
  fromDevice: z.string().regex(/^[0-9a-f]{16}$/),
  toDevice: z.string().regex(/^[0-9a-f]{16}$/).nullable(),
  kind: z.enum(['ops', 'snapshot']),
  createdAt: z.string(),
  schemaVersion: z.number().int().min(1),
  senderVector: vector,
  receiverVector: vector,
  opCount: z.number().int().min(0),
  rowCount: z.number().int().min(0),
  senderPublicKey: z.string().max(1000),
  senderLastHlc: z.string().max(100),
});
export type BundleHeader = z.infer<typeof bundleHeader>;

export interface BundleCounts {
  frames: number;
  ops: number;
  rows: number;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function aad(headerHash: Buffer, type: number, index: number): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt8(type, 0);
  tail.writeUInt32BE(index, 1);
  return Buffer.concat([headerHash, tail]);
}

function encrypt(key: Buffer, associated: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associated);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, associated: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw refuse('tampered', 'a frame of the bundle is too short to be genuine');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(associated);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw refuse('tampered', 'the bundle was changed after it was made, or was not made with this team key');
  }
}

function signedMessage(digest: Buffer, counts: BundleCounts): Buffer {
  return Buffer.concat([digest, Buffer.from(JSON.stringify({ frames: counts.frames, ops: counts.ops, rows: counts.rows }))]);
}

function recordHead(type: number, length: number): Buffer {
  const head = Buffer.alloc(RECORD_HEAD_BYTES);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(length, 1);
  return head;
}

/**
 * Writes a bundle frame by frame into `<out>.part`, renamed to `out` once the trailer is written:
 * a cancelled or failed export never leaves a file that looks complete.
 */
export class BundleWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly counts: BundleCounts = { frames: 0, ops: 0, rows: 0 };
  private bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly out: string,
    private readonly key: Buffer,
    private readonly headerHash: Buffer,
  ) {}

  static async create(out: string, header: BundleHeader, key: Buffer): Promise<BundleWriter> {
    const handle = await open(`${out}.part`, 'w');
    const headerBody = Buffer.from(JSON.stringify(header));
    const writer = new BundleWriter(handle, out, key, createHash('sha256').update(headerBody).digest());
    await writer.append(Buffer.concat([BUNDLE_MAGIC, Buffer.from([BUNDLE_FORMAT_VERSION]), recordHead(RECORD.header, headerBody.length), headerBody]));
    return writer;
  }

  get written(): BundleCounts & { bytes: number } {
    return { ...this.counts, bytes: this.bytes };
  }

  private async append(chunk: Buffer, hashed = true): Promise<void> {
    if (hashed) this.hash.update(chunk);
    await this.handle.write(chunk);
    this.bytes += chunk.length;
  }

  /** One page: gzip, encrypt, write, and forget it. */
  async writeFrame(page: FramePage): Promise<void> {
    const sealed = encrypt(this.key, aad(this.headerHash, RECORD.frame, this.counts.frames), await gzipAsync(Buffer.from(JSON.stringify(page))));
    await this.append(Buffer.concat([recordHead(RECORD.frame, sealed.length), sealed]));
    const size = pageSize(page);
    this.counts.frames++;
    this.counts.ops += size.ops;
    this.counts.rows += size.rows;
  }

  /** Signs everything written so far, writes the trailer, and gives the file its final name. */
  async finish(privateKeyPem: string): Promise<BundleCounts & { bytes: number }> {
    const signature = sign(null, signedMessage(this.hash.digest(), this.counts), privateKeyPem).toString('base64');
    const trailer = encrypt(this.key, aad(this.headerHash, RECORD.trailer, this.counts.frames), Buffer.from(JSON.stringify({ ...this.counts, signature })));
    await this.append(Buffer.concat([recordHead(RECORD.trailer, trailer.length), trailer]), false);
    await this.handle.sync();
    await this.handle.close();
    await rename(`${this.out}.part`, this.out);
    return this.written;
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(`${this.out}.part`, { force: true });
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const trailerShape = z.object({ frames: z.number().int().min(0), ops: z.number().int().min(0), rows: z.number().int().min(0), signature: z.string() });

/**
 * Reads a bundle record by record from a file handle: the header at open, then decrypted pages one at a time.
 * After `pages()` ends, `trailer` and `digest` say what the sender signed; `verifySignature` checks it.
 */
export class BundleReader {
  private position = 0;
  private readonly hash: Hash = createHash('sha256');
  private headerHash = Buffer.alloc(0);
  header!: BundleHeader;
  digest: Buffer | null = null;
  trailer: z.infer<typeof trailerShape> | null = null;
  readonly seen: BundleCounts = { frames: 0, ops: 0, rows: 0 };

  private constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  static async open(file: string): Promise<BundleReader> {
    const handle = await open(file, 'r');
    try {
      const reader = new BundleReader(handle, (await handle.stat()).size);
      await reader.readStart();
      return reader;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  private async readStart(): Promise<void> {
    const start = await this.take(BUNDLE_MAGIC.length + 1, 'not_a_bundle');
    if (!start.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC)) throw refuse('not_a_bundle', 'this file is not an Emerald sync bundle');
    const version = start.readUInt8(BUNDLE_MAGIC.length);
    if (version > BUNDLE_FORMAT_VERSION) throw refuse('newer_format', `the bundle was made by a newer version of Emerald (format ${version}); update Emerald to import it`);
    if (version !== BUNDLE_FORMAT_VERSION) throw refuse('not_a_bundle', `unknown bundle format ${version}`);
    const record = await this.nextRecord();
    if (!record || record.type !== RECORD.header) throw refuse('tampered', 'the bundle has no header');
    try {
      this.header = bundleHeader.parse(JSON.parse(record.body.toString('utf8')));
    } catch {
      throw refuse('tampered', 'the bundle header is damaged');
    }
    this.headerHash = createHash('sha256').update(record.body).digest();
    this.hash.update(start).update(recordHead(record.type, record.body.length)).update(record.body);
  }

  private async take(length: number, shortReason: BundleRefusalReason = 'truncated'): Promise<Buffer> {
    if (this.position + length > this.size) {
      throw refuse(shortReason, shortReason === 'truncated' ? 'the bundle file is incomplete (cut short while copying?)' : 'this file is not an Emerald sync bundle');
    }
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, this.position + filled);
      if (bytesRead === 0) throw refuse('truncated', 'the bundle file is incomplete (cut short while copying?)');
      filled += bytesRead;
    }
    this.position += length;
    return buffer;
  }

  private async nextRecord(): Promise<{ type: number; body: Buffer } | null> {
    if (this.position === this.size) return null;
    const head = await this.take(RECORD_HEAD_BYTES);
    const type = head.readUInt8(0);
    const length = head.readUInt32BE(1);
    if (length > MAX_RECORD_BYTES) throw refuse('tampered', 'a frame of the bundle claims an impossible size');
    if (this.position + length > this.size) throw refuse('truncated', 'the bundle file is incomplete (cut short while copying?)');
    return { type, body: await this.take(length) };
  }

  /** Decrypted pages in order; the trailer is read (and checked for trailing bytes) when they end. */
  async *pages(key: Buffer): AsyncGenerator<FramePage> {
    for (;;) {
      const record = await this.nextRecord();
      if (!record) throw refuse('truncated', 'the bundle file is incomplete: its signed trailer is missing');
      if (record.type === RECORD.trailer) {
        this.digest = this.hash.digest();
        const plain = decrypt(key, aad(this.headerHash, RECORD.trailer, this.seen.frames), record.body);
        const parsed = trailerShape.safeParse(parseJson(plain.toString('utf8')));
        if (!parsed.success) throw refuse('tampered', 'the bundle trailer is damaged');
        this.trailer = parsed.data;
        if (this.position !== this.size) throw refuse('tampered', 'the bundle has bytes after its signed end');
        return;
      }
      if (record.type !== RECORD.frame) throw refuse('tampered', 'the bundle holds a record of an unknown kind');
      this.hash.update(recordHead(record.type, record.body.length)).update(record.body);
      const plain = decrypt(key, aad(this.headerHash, RECORD.frame, this.seen.frames), record.body);
      let text: string;
      try {
        text = (await gunzipAsync(plain)).toString('utf8');
      } catch {
        throw refuse('malformed', 'a frame of the bundle could not be read');
      }
      const page = asFramePage(parseJson(text));
      if (!page) throw refuse('malformed', 'a frame of the bundle holds something Emerald does not know');
      const size = pageSize(page);
      this.seen.frames++;
      this.seen.ops += size.ops;
      this.seen.rows += size.rows;
      yield page;
    }
  }

  /** The sender's signature over everything before the trailer, and the counts it claims against what was read. */
  verifySignature(publicKeyPem: string): void {
    if (!this.trailer || !this.digest) throw refuse('truncated', 'the bundle file is incomplete: its signed trailer is missing');
    const { frames, ops, rows, signature } = this.trailer;
    if (frames !== this.seen.frames || ops !== this.seen.ops || rows !== this.seen.rows) {
      throw refuse('tampered', 'the bundle does not hold what its trailer says');
    }
    let valid: boolean;
    try {
      valid = verify(null, signedMessage(this.digest, { frames, ops, rows }), publicKeyPem, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) throw refuse('tampered', 'the bundle signature does not match its sender: it was changed after it was made');
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
