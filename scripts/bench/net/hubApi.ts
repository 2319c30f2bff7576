// Browser mode's HTTP API of the hub process, called as its own window calls it (bearer launch token + session cookie).
// Through node:http on one kept-alive connection, as a window's fetch reuses its connection: Node's fetch (undici)
// spent about 3 ms of its own per call here (auth.status: 5.0 ms at p50 through it, 1.4–2.2 ms through curl), which
// the bench counted as the hub's time.
import { Agent, request } from 'node:http';
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';

export class HubApi {
  private cookie: string | null = null;
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const body = JSON.stringify(input);
    const { status, cookie, text } = await new Promise<{ status: number; cookie: string | undefined; text: string }>((resolve, reject) => {
      const req = request(
        `${this.base}/api/${channel}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${this.token}`,
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0], text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    if (cookie) this.cookie = cookie.split(';')[0] ?? null;
    const envelope = JSON.parse(text) as { ok: boolean; value: OutputOf<C>; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? status}`);
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
