// CLI commands as the bench runs them: in a child process of the CLI bundled as the app ships (its time and peak
// memory), or in this process with its chatter kept off the bench's own output. Shared by the bundle and hub benches.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { MAIN_EXTERNALS, OPTIONAL_EXTERNALS } from '../build-electron';
import { runCli } from '../cli';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ChildResult {
  code: number;
  ms: number;
  peakMb: number;
}

/**
 * The CLI bundled as the app ships its code (esbuild, native modules external). Run through tsx instead, every
 * process carries tsx's transpiler and source maps too: about 90 MB of peak memory that is not the sync's.
 */
export async function bundleMeasuredCli(): Promise<string> {
  // Inside the repository, so the bundle finds node_modules.
  const outfile = path.join(repoRoot, 'bench/.cache/cli-bundle/peak.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'scripts/bench/peak.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...MAIN_EXTERNALS, ...OPTIONAL_EXTERNALS],
    banner: { js: "import { createRequire as __emeraldRequire } from 'node:module'; const require = __emeraldRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/** One CLI command in a child process of the bundled CLI, with its own wall time and peak memory (max RSS at exit). */
export async function measuredCli(bundle: string, args: string[]): Promise<ChildResult> {
  // Imported from -e with a placeholder argv[1], so cli.ts's own "run when I am the main module" stays quiet.
  const child = await run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(bundle).href)})`, 'peak', ...args], {
    cwd: repoRoot,
    // The bundle lives in bench/.cache: both schemas' migration folders are named, as the app's main process does.
    env: { ...process.env, EMERALD_MIGRATIONS_DIR: path.join(repoRoot, 'db/migrations'), EMERALD_PG_MIGRATIONS_DIR: path.join(repoRoot, 'db/pg/migrations') },
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stderr.trim().split('\n').pop() ?? '{}';
  const result = JSON.parse(last) as ChildResult;
  if (result.code !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${child.stdout}\n${child.stderr}`);
  return result;
}

/** runCli in this process with its chatter kept off the bench's own output. */
export async function quietCli(args: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runCli(args);
    if (code !== 0) throw new Error(`cli ${args.join(' ')} exited ${code}: ${out}`);
    return out;
  } finally {
    process.stdout.write = write;
  }
}
