// `npm run build:electron`: bundles the main process and the preload to CommonJS with esbuild.
// Native modules stay external (loaded from node_modules, unpacked from the asar); pdfkit too, it reads its own data files;
// sharp (libvips) loads its platform's addon package by a computed name, which a bundle cannot follow.
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_ENTRIES } from '../electron/workers/spawn';

const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'argon2', 'pdfkit', 'sharp'] as const;
/** ws's optional native speed-ups: required inside try/catch, absent here, so ws uses its JS fallback. */
export const OPTIONAL_EXTERNALS = ['bufferutil', 'utf-8-validate'] as const;
/** Node 22 is what Electron 45 embeds; the preload runs in Chromium's sandbox. */
const NODE_TARGET = 'node22';

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: NODE_TARGET,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: repoRoot,
};

export interface ShellBuildResult {
  main: string;
  preload: string;
}

export async function buildShell(outDir = path.join(repoRoot, 'dist-electron')): Promise<ShellBuildResult> {
  const main = path.join(outDir, 'main.cjs');
  const preload = path.join(outDir, 'preload.cjs');
  const nodeSide: BuildOptions = {
    ...shared,
    external: [...MAIN_EXTERNALS, ...OPTIONAL_EXTERNALS],
    // ESM sources read import.meta.url; in the CommonJS bundle it is this file's URL.
    banner: { js: 'const __emeraldImportMeta = { url: require("node:url").pathToFileURL(__filename).href };' },
    define: { 'import.meta': '__emeraldImportMeta' },
  };
  await build({ ...nodeSide, entryPoints: [path.join(repoRoot, 'electron/main/index.ts')], outfile: main });
  // Worker threads start from their own bundles beside main.cjs (electron/workers/spawn.ts finds them there).
  for (const entry of WORKER_ENTRIES as readonly string[]) {
    await build({ ...nodeSide, entryPoints: [path.join(repoRoot, `electron/workers/${entry}.ts`)], outfile: path.join(outDir, `${entry}.cjs`) });
  }
  // A sandboxed preload may require only 'electron' (and a few polyfilled built-ins): everything else is inlined.
  await build({
    ...shared,
    entryPoints: [path.join(repoRoot, 'electron/preload/index.ts')],
    outfile: preload,
    external: ['electron'],
    platform: 'browser',
  });
  return { main, preload };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const result = await buildShell(outDir);
  process.stdout.write(`Built ${path.relative(repoRoot, result.main)} and ${path.relative(repoRoot, result.preload)}\n`);
}
