// Browser mode's HTTP API of the hub process, called as its own window calls it (bearer launch token + session cookie),
// through the browser-mode tests' node:http client on a kept-alive connection: Node's fetch (undici) spent about 3 ms
// of its own per call here (auth.status: 5.0 ms at p50 through it, 1.4–2.2 ms through curl), which the bench counted as
// the hub's time.
import path from 'node:path';
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';
import { engineMsOf } from '../../../electron/ipc/http/api';
import { BrowserTab } from '../../../tests/browser-mode/http-client';

export class HubApi {
  private readonly tab: BrowserTab;
  constructor(base: string, token: string) {
    this.tab = new BrowserTab(Number(new URL(base).port), token);
  }

  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    return (await this.timedCall(channel, input)).value;
  }

  /** The answer, and how long the hub's engine took with it by its Server-Timing header (null without one). */
  async timedCall<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<{ value: OutputOf<C>; engineMs: number | null }> {
    const response = await this.tab.post(channel, input);
    const envelope = response.json<{ ok: boolean; value: OutputOf<C>; error?: { message: string } }>();
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? response.status}`);
    return { value: envelope.value, engineMs: engineMsOf(response.headers['server-timing']) };
  }
}

/** Wall-clock ms with sub-ms precision, comparable across the bench's processes (same machine). */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const p = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

/**
 * node's flags for a bench child that writes a CPU profile into `dir` as it exits (none without a dir). A folder per
 * script: tsx's loader thread writes a profile of its own beside the main thread's.
 */
export const cpuProfileFlags = (dir: string | undefined, script: string): string[] =>
  dir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(dir, path.basename(script, '.ts'))] : [];

/** One JSON line on stdout that the parent picks out of the child's output. */
export const report = (tag: string, value: unknown): void => void process.stdout.write(`${tag} ${JSON.stringify(value)}\n`);
