// Where attachment bytes live: content-addressed originals under <dataDir>/files/<sha[0..2]>/<sha>, derived (rebuildable)
// copies under <dataDir>/files/derived. Shared by the attachment store, backups and restore.
import path from 'node:path';

export const FILES_FOLDER = 'files';
export type DerivedKind = 'display' | 'thumb';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A sha256 from a row another copy sent is only a name inside our folder once it is proven to be plain hex. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function filesFolder(dataDir: string): string {
  return path.join(dataDir, FILES_FOLDER);
}

export function originalPath(dataDir: string, sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
  return path.join(filesFolder(dataDir), sha256.slice(0, 2), sha256);
}

export function derivedPath(dataDir: string, sha256: string, kind: DerivedKind): string {
  if (!isSha256Hex(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
  return path.join(filesFolder(dataDir), 'derived', `${sha256}-${kind}.jpg`);
}
