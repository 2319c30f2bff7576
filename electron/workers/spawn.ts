// Starts one of Emerald's worker threads. Shipped, each entry is a bundled .cjs beside main.cjs (scripts/build-electron.ts);
// from source (npm run serve, the CLI, tests) it is the TypeScript file beside this one, run from a bundle (sourceBundle.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { bundleKey, currentBundle } from './sourceBundleCache';

/** Every worker entry: `<name>.ts` in this folder, bundled as `<name>.cjs` in dist-electron (add yours here). */
export const WORKER_ENTRIES = ['job-worker', 'engine-worker', 'hub-worker'] as const;
export type WorkerEntry = (typeof WORKER_ENTRIES)[number];

const here = fileURLToPath(import.meta.url);
const runningBundled = here.endsWith('.cjs');

/** The file a worker starts from, for this way of running. */
export function workerEntryFile(entry: WorkerEntry): string {
  return runningBundled ? path.join(path.dirname(here), `${entry}.cjs`) : path.join(path.dirname(here), `${entry}.ts`);
}

/** tsx's `esm/api` for the import condition (require.resolve would give its CommonJS twin). */
function tsxEsmApiFile(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (createRequire(import.meta.url)(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return path.join(path.dirname(manifest), exported['./esm/api']!.import.default);
}

/**
 * A worker's own bootstrap from source: tsx loads the bundler (sourceBundle.ts, one file), which bundles the TypeScript
 * entry, and the thread imports the bundle. tsx's loader for the whole entry cost seconds of CPU at each start (it
 * resolves and transpiles every module through hooks); an `--import` in a Worker's execArgv is not applied to the
 * thread's modules, and vitest's transform never reaches it.
 */
function sourceBootstrap(entryFile: string): string {
  const api = JSON.stringify(pathToFileURL(tsxEsmApiFile()).href);
  const bundler = JSON.stringify(pathToFileURL(path.join(path.dirname(here), 'sourceBundle.ts')).href);
  return [
    `import(${api})`,
    `.then(({ tsImport }) => tsImport(${bundler}, ${bundler}))`,
    `.then(({ bundleFromSource }) => bundleFromSource(${JSON.stringify(entryFile)}))`,
    `.then((bundle) => import(require('node:url').pathToFileURL(bundle).href));`,
  ].join('');
}

/**
 * sharp's libvips must stay loaded in the thread that starts workers (glibc unloads it when a worker exits and the
 * next load crashes: lovell/sharp#2263), so the spawner holds a reference before any worker can load it.
 */
let sharpHeld = false;
function holdSharp(): void {
  if (sharpHeld) return;
  createRequire(import.meta.url)('sharp');
  sharpHeld = true;
}

export function spawnWorker(entry: WorkerEntry, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  holdSharp();
  const file = workerEntryFile(entry);
  return runningBundled ? new Worker(file, options) : spawnTypeScriptWorker(file, options);
}

/** A worker thread running a TypeScript file from source (the CLI, `npm run serve`, tests): its bundle when current. */
export function spawnTypeScriptWorker(file: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bundle = currentBundle(bundleKey(file));
  return bundle ? new Worker(bundle, options) : new Worker(sourceBootstrap(file), { ...options, eval: true });
}
