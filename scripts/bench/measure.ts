// Timing: run a case many times, keep every sample, report percentiles in milliseconds.
import { performance } from 'node:perf_hooks';
import type { ChannelName, InputOf } from '../../electron/contract';
import type { EngineHost } from '../../electron/ipc/engine/host';

/** A channel call as the bench makes it (through the router, signed in). */
export type Call = <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<unknown>;

/** A caller through anything that dispatches (a backend, the engine worker's host) keeping the session it is given; a refusal throws. */
export function sessionCaller(engine: Pick<EngineHost, 'dispatch'>, session: string | null = null): Call {
  let token = session;
  return async (channel, input) => {
    const result = await engine.dispatch({ sessionToken: token }, channel, input);
    if (result.session !== undefined) token = result.session;
    if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.code} ${result.envelope.error.message}`);
    return result.envelope.value;
  };
}

export interface Stats {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Runs `fn(i)` `warmup` times unmeasured, then `runs` times measured. */
export async function measure(runs: number, fn: (i: number) => unknown, warmup = Math.min(20, runs)): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * Runs `fn(i)` with `before(i)` untimed ahead of each call and splits the samples by i's parity, so two
 * variants of one case (say, with and without the op log) share the same moment of the machine and dataset.
 */
export async function measureAlternating(
  runs: number,
  fn: (i: number) => unknown,
  before: (i: number) => void,
  warmup = 20,
): Promise<{ even: Stats; odd: Stats; samples: [number[], number[]] }> {
  for (let i = 0; i < warmup; i++) {
    before(i);
    await fn(i);
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs * 2; i++) {
    before(i);
    const start = performance.now();
    await fn(i);
    samples[i % 2]!.push(performance.now() - start);
  }
  return { even: summarize(samples[0]), odd: summarize(samples[1]), samples };
}

/**
 * A read's service and its raw SQL, one call of each in turn with the same input, so the service/raw ratio compares
 * two figures of the same moment: measured one after the other, the machine's drift between the two runs of 200 (CPU
 * frequency, other programs, JIT and GC state) moved some ratios by half or more between two quiet runs.
 */
export async function measureSideBySide(runs: number, service: (i: number) => unknown, raw: (i: number) => unknown): Promise<{ service: Stats; raw: Stats }> {
  const { even, odd } = await measureAlternating(runs, (i) => ((i & 1) === 0 ? service(i >> 1) : raw(i >> 1)), () => {});
  return { service: even, raw: odd };
}
