// Run from source (npm run serve, the CLI, tests), a worker thread or a child script starts from one esbuild bundle of its
// TypeScript entry: tsx resolves and transpiles a few hundred modules through its loader hooks at every start (a second
// or more of CPU each), a bundle loads in a fraction of that. The code is the same source; packages stay external
// (resolved from node_modules as before) and every module keeps its own import.meta.url. Shipped builds never come here.
import { build, type Plugin } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleKey, CACHE_DIR, currentBundle, digest, manifestFileOf, markInUse, pruneStale, REPO_ROOT, stampOf, writeAtomically, type Manifest } from './sourceBundleCache';

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

/**
 * The path of a bundle of the TypeScript file `sourceFile`, to import or to run with node: the one built before when
 * its sources are unchanged, else a new one.
 */
export async function bundleFromSource(sourceFile: string, options: { banner?: string } = {}): Promise<string> {
  const key = bundleKey(sourceFile, options.banner);
  const cached = currentBundle(key);
  if (cached) return cached;
  const startedAt = Date.now();
  const result = await build({
    entryPoints: [sourceFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    absWorkingDir: REPO_ROOT,
    logLevel: 'error',
    ...(options.banner ? { banner: { js: options.banner } } : {}),
    plugins: [ownImportMetaUrl],
  });
  const code = result.outputFiles[0]!.contents;
  // Named by content: parallel processes write identical files, and a changed source gets a new name.
  const file = path.join(CACHE_DIR, `${key}-${digest(code)}.mjs`);
  mkdirSync(CACHE_DIR, { recursive: true });
  pruneStale();
  if (!markInUse(file)) writeAtomically(file, code);
  rememberInputs(key, file, Object.keys(result.metafile.inputs), startedAt);
  return file;
}

/** A source saved while the build read it (or removed since) may not be in the bundle: no manifest, the next start builds. */
function rememberInputs(key: string, bundle: string, inputs: string[], startedAt: number): void {
  try {
    const stats = inputs.map((input) => path.resolve(REPO_ROOT, input)).map((file) => [file, statSync(file)] as const);
    if (!stats.every(([, stat]) => stat.mtimeMs < startedAt)) return;
    writeAtomically(manifestFileOf(key), JSON.stringify({ bundle, inputs: Object.fromEntries(stats.map(([input, stat]) => [input, stampOf(stat)])) } satisfies Manifest));
  } catch {
    // Not remembered: built again next time.
  }
}
