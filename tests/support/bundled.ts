// Child processes the tests start (the CLI, serve.ts, the reliability writers) as one esbuild bundle each instead of
// `node --import tsx`: tsx transpiles and resolves a few hundred modules through its loader hooks at every start
// (seconds on a busy 2-core machine), a bundle loads in a fraction of that. The code is the same source; packages stay
// external (resolved from node_modules as before), every module keeps its own import.meta.url, and process.argv[1]
// names the source entry, so "am I the main module" checks and paths next to a source file mean what they meant.
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inside the repo so that bare imports resolve from its node_modules; ignored by git, eslint and vitest. */
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'emerald-test-bundles');
const STALE_MS = 60 * 60 * 1000;

/** Each module sees its own source URL, as under tsx (migrations, fonts and workers are found next to their source). */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const built = new Map<string, Promise<string>>();

/** The path of a bundle of `entry` (relative to the repo root), built once per test process; run it with `node <path>`. */
export function bundledScript(entry: string): Promise<string> {
  let pending = built.get(entry);
  if (!pending) {
    pending = buildBundle(entry);
    built.set(entry, pending);
  }
  return pending;
}

async function buildBundle(entry: string): Promise<string> {
  const source = path.join(REPO_ROOT, entry);
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    absWorkingDir: REPO_ROOT,
    logLevel: 'error',
    banner: { js: `process.argv[1] = ${JSON.stringify(source)};` },
    plugins: [ownImportMetaUrl],
  });
  const code = result.outputFiles[0]!.contents;
  // Named by content: parallel test processes write identical files, and a changed source gets a new name.
  const name = `${entry.replace(/[^\w.-]+/g, '_')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const file = path.join(CACHE_DIR, name);
  mkdirSync(CACHE_DIR, { recursive: true });
  pruneStale();
  if (exists(file)) {
    utimesSync(file, new Date(), new Date()); // still in use: not stale
  } else {
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  return file;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Bundles of sources changed since (unused for an hour): no running test file still holds their path. */
function pruneStale(): void {
  const now = Date.now();
  for (const name of readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
    } catch {
      // Removed by a parallel test process meanwhile.
    }
  }
}
