// Workers and child scripts run from source start from a cached esbuild bundle (electron/workers/sourceBundle.ts): the
// cache must never hand out yesterday's code, and each module must still see its own file.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFromSource } from '../../electron/workers/sourceBundle';
import { bundleKey, currentBundle } from '../../electron/workers/sourceBundleCache';
import { spawnTypeScriptWorker } from '../../electron/workers/spawn';

const dir = mkdtempSync(path.join(tmpdir(), 'emerald-source-bundle-'));
const entry = path.join(dir, 'entry.ts');
const part = path.join(dir, 'part.ts');

/** Writes a source with a modification time in the past, as if saved before the build (a build ignores newer saves). */
function save(file: string, text: string, secondsAgo: number): void {
  writeFileSync(file, text);
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

/** Runs `entry.ts` as a worker thread the way spawnWorker does from source and returns what it posts. */
function runWorker(): Promise<{ value: string; entryUrl: string; partUrl: string }> {
  return new Promise((resolve, reject) => {
    const worker = spawnTypeScriptWorker(entry);
    worker.once('message', (message: { value: string; entryUrl: string; partUrl: string }) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

save(entry, "import { parentPort } from 'node:worker_threads';\nimport { partUrl, value } from './part';\nparentPort?.postMessage({ value, entryUrl: import.meta.url, partUrl });\n", 60);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a worker run from source', () => {
  it('runs its TypeScript entry, each module seeing its own URL', async () => {
    save(part, "export const value: string = 'first';\nexport const partUrl = import.meta.url;\n", 50);
    const posted = await runWorker();
    expect(posted).toEqual({ value: 'first', entryUrl: pathToFileURL(entry).href, partUrl: pathToFileURL(part).href });
  });

  it('starts the second time from the bundle it built, without building', async () => {
    const built = currentBundle(bundleKey(entry));
    expect(built).not.toBeNull();
    expect(await bundleFromSource(entry)).toBe(built);
    expect((await runWorker()).value).toBe('first');
  });

  it('runs the changed code once a module it imports changed, even at the same size', async () => {
    const before = currentBundle(bundleKey(entry));
    save(part, "export const value: string = 'other';\nexport const partUrl = import.meta.url;\n", 40);
    expect(currentBundle(bundleKey(entry))).toBeNull();
    expect((await runWorker()).value).toBe('other');
    const after = currentBundle(bundleKey(entry));
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });

  it('builds again when a source was saved while the last build read it', async () => {
    save(part, "export const value: string = 'saved during the build';\nexport const partUrl = import.meta.url;\n", 0);
    // Dated after the build started: the bundle is used this once but not remembered.
    utimesSync(part, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    await bundleFromSource(entry);
    expect(currentBundle(bundleKey(entry))).toBeNull();
  });
});
