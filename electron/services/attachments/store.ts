// The bytes on disk: originals content-addressed and written once (temp file, fsync, rename), derived copies rebuilt
// from the original whenever one is missing (a row that came by sync before its bytes, a restore, a cleared cache).
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { derivedPath, isSha256Hex, originalPath, type DerivedKind } from '../../../db/attachment-files';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../../../db/private-files';
import { deriveImages, thumbFrom } from './images';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The same hash computed on libuv's thread pool (WebCrypto's digest is an async job there): hashing an 8 MB photo on
 * this thread, even a megabyte at a time, held the thread that answers calls for tens of milliseconds per upload.
 */
export async function sha256HexOffThread(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return; // NTFS journals renames itself; a folder cannot be opened there
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` to `file` so that it is either absent or whole, even across a crash. */
export async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  await syncFolder(folder);
}

/** Stores an original once; answers whether this call created it (only then may a failed add take it away again). */
export async function storeOriginal(dataDir: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
  const file = originalPath(dataDir, sha256);
  if (existsSync(file)) return false;
  await writeFileDurably(file, bytes);
  return true;
}

export async function storeDerived(dataDir: string, sha256: string, kind: DerivedKind, jpeg: Uint8Array): Promise<void> {
  await writeFileDurably(derivedPath(dataDir, sha256, kind), jpeg);
}

// A row from another copy may name anything as its hash: what is not plain hex is never a path, just bytes not here.
export const hasOriginal = (dataDir: string, sha256: string): boolean => isSha256Hex(sha256) && existsSync(originalPath(dataDir, sha256));

export async function readOriginal(dataDir: string, sha256: string): Promise<Buffer | null> {
  if (!isSha256Hex(sha256)) return null;
  try {
    return await readFile(originalPath(dataDir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A derived copy, rebuilt from the original when missing; null when the original is not here (yet). */
export async function readDerived(dataDir: string, sha256: string, kind: DerivedKind): Promise<Buffer | null> {
  if (!isSha256Hex(sha256)) return null;
  try {
    return await readFile(derivedPath(dataDir, sha256, kind));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const original = await readOriginal(dataDir, sha256);
  if (!original) return null;
  if (kind === 'thumb') {
    const display = await readDerived(dataDir, sha256, 'display');
    if (!display) return null;
    const thumb = await thumbFrom(display);
    await storeDerived(dataDir, sha256, 'thumb', thumb);
    return thumb;
  }
  const derived = await deriveImages(original);
  await storeDerived(dataDir, sha256, 'display', derived.display);
  await storeDerived(dataDir, sha256, 'thumb', derived.thumb);
  return derived.display;
}

/** Takes away what a failed add created: the original and its derived copies. */
export async function removeStored(dataDir: string, sha256: string): Promise<void> {
  for (const file of [originalPath(dataDir, sha256), derivedPath(dataDir, sha256, 'display'), derivedPath(dataDir, sha256, 'thumb')]) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
