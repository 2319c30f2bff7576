// What the issue 15 bench cases share: timing an async call while watching the event loop for stalls (the longest
// one, and the longest while merely waiting, for scale), and a fresh signed-in backend for their standalone runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import type { EngineHost } from '../../electron/ipc/engine/host';
import { startEngineWorker } from '../../electron/ipc/engine/worker-host';
import { sessionCaller, summarize, type Call, type Stats } from './measure';

/** The interactive budget: no event-loop stall longer than one frame. */
export const STALL_BUDGET_MS = 16;

export interface StallStats {
  stats: Stats;
  longestStallMs: number;
  /** The longest stall of an idle wait as long as all the runs together: what this machine adds on its own. */
  idleStallMs: number;
}

/** Times `run(i)` for `runs` runs after `warmup` unmeasured ones; `prepare(i)` runs before each, outside the timing. */
export async function measureWithStalls(runs: number, warmup: number, run: (i: number) => Promise<unknown>, prepare?: (i: number) => unknown): Promise<StallStats> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const samples: number[] = [];
  let longestStallMs = 0;
  for (let i = 0; i < runs + warmup; i++) {
    await prepare?.(i); // may be async (the job worker's cache is cleared by a message)
    histogram.reset();
    histogram.enable();
    const start = performance.now();
    await run(i);
    const elapsed = performance.now() - start;
    histogram.disable();
    if (i < warmup) continue;
    samples.push(elapsed);
    longestStallMs = Math.max(longestStallMs, histogram.max / 1e6);
  }
  histogram.reset();
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, samples.reduce((a, b) => a + b, 0)));
  histogram.disable();
  return { stats: summarize(samples), longestStallMs, idleStallMs: histogram.max / 1e6 };
}

/** `--runs N` of a standalone bench script. */
export function runsFromArgv(fallback: number): number {
  const at = process.argv.indexOf('--runs');
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A caller through `engine` that keeps the session it is given, with the first administrator set up and signed in. */
async function signedInCaller(engine: Pick<EngineHost, 'dispatch'>): Promise<Call> {
  const call = sessionCaller(engine);
  await call('auth.setup', { email: 'admin@example.com', username: 'admin', password: 'admin-password-1', fullName: 'Ana Administradora' });
  await call('auth.login', { login: 'admin', password: 'admin-password-1' });
  return call;
}

/** A backend on a temporary data folder with its first administrator signed in; removed afterwards. */
export async function withSignedInBackend(prefix: string, work: (call: Call, backend: Backend, dataDir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const backend = createBackend({ dataDir: dir });
  try {
    await work(await signedInCaller(backend), backend, dir);
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same through the engine worker, as the app and browser mode run it: the stalls measured are then those of the
 * thread that owns the window or the HTTP server, which only passes envelopes.
 */
export async function withSignedInEngineWorker<T>(prefix: string, work: (call: Call) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const engine = await startEngineWorker({ dataDir: dir });
  try {
    return await work(await signedInCaller(engine));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench's technician (Tomás Peña, role Técnico), made through the API by a signed-in administrator. */
export async function createBenchTechnician(call: Call): Promise<{ id: string }> {
  const roles = (await call('roles.list', {})) as { id: string; name: string }[];
  return (await call('users.create', {
    email: 'tec@example.com',
    username: 'tec1',
    password: 'tec1-password-1',
    fullName: 'Tomás Peña',
    roleId: (roles.find((r) => r.name === 'Técnico') as { id: string }).id,
  })) as { id: string };
}
