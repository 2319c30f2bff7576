// Child processes the tests start (the CLI, serve.ts, the reliability writers) as one esbuild bundle each instead of
// `node --import tsx` (electron/workers/sourceBundle.ts says why), built once per test process. process.argv[1] names
// the source entry, so "am I the main module" checks mean what they meant.
import path from 'node:path';
import { bundleFromSource } from '../../electron/workers/sourceBundle';
import { REPO_ROOT } from '../../electron/workers/sourceBundleCache';

const built = new Map<string, Promise<string>>();

/** The path of a bundle of `entry` (relative to the repo root), built once per test process; run it with `node <path>`. */
export function bundledScript(entry: string): Promise<string> {
  let pending = built.get(entry);
  if (!pending) {
    const source = path.join(REPO_ROOT, entry);
    pending = bundleFromSource(source, { banner: `process.argv[1] = ${JSON.stringify(source)};` });
    built.set(entry, pending);
  }
  return pending;
}
