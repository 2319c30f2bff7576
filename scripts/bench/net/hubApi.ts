// Browser mode's HTTP API of the hub process, called as its own window calls it (bearer launch token + session cookie).
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';

export class HubApi {
  private cookie: string | null = null;
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const response = await fetch(`${this.base}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const envelope = (await response.json()) as { ok: boolean; value: OutputOf<C>; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? response.status}`);
    return envelope.value;
  }
}

/** Wall-clock ms with sub-ms precision, comparable across the bench's processes (same machine). */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const p = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

/** One JSON line on stdout that the parent picks out of the child's output. */
export const report = (tag: string, value: unknown): void => void process.stdout.write(`${tag} ${JSON.stringify(value)}\n`);
