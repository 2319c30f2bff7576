// Where bundles of TypeScript entries built from source live (sourceBundle.ts builds them) and how a starting worker
// finds one still current without loading tsx or esbuild. Plain Node only: spawn.ts, shipped too, imports this.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inside the repo so that bare imports resolve from its node_modules; ignored by git, eslint and vitest. */
export const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'emerald-source-bundles');
const STALE_MS = 60 * 60 * 1000;

/** What a bundle was built from: each source file's size and modification time then. */
export interface Manifest {
  bundle: string;
  inputs: Record<string, string>;
}

/** The cache's name for a bundle of `sourceFile` (with a banner, another bundle). */
export function bundleKey(sourceFile: string, banner?: string): string {
  return `${path.relative(REPO_ROOT, sourceFile).replace(/[^\w.-]+/g, '_')}${banner ? `-${digest(banner)}` : ''}`;
}

export const manifestFileOf = (key: string): string => path.join(CACHE_DIR, `${key}.json`);

/** The bundle of `key` when every source it was built from is as it was then; null when it must be built. */
export function currentBundle(key: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(manifestFileOf(key), 'utf8')) as Manifest;
    if (!Object.entries(manifest.inputs).every(([input, was]) => stampOf(statSync(input)) === was)) return null;
    return markInUse(manifest.bundle) ? manifest.bundle : null; // pruned meanwhile: built again
  } catch {
    return null;
  }
}

/** Marks a bundle in use (not stale, see pruneStale); false when there is no such file. */
export function markInUse(file: string): boolean {
  try {
    utimesSync(file, new Date(), new Date());
    return true;
  } catch {
    return false;
  }
}

export const stampOf = ({ size, mtimeMs }: Stats): string => `${size}:${mtimeMs}`;

export const digest = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex').slice(0, 16);

/** Parallel processes and threads may write the same file: each writes its own part and renames it into place. */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  writeFileSync(part, content);
  renameSync(part, file);
}

/** Bundles and manifests unused for an hour: sources changed since, and no running process holds their path. */
export function pruneStale(): void {
  const now = Date.now();
  for (const name of readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
    } catch {
      // Removed by a parallel process meanwhile.
    }
  }
}
