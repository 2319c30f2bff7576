// A measuring-tool stand-in for the socket tests: connects with ws and collects acks.
import WebSocket from 'ws';

export interface Ack {
  ok: boolean;
  ref?: string | number;
  eventId?: string;
  readings?: number;
  error?: { code: string; message: string; details?: { reason?: string } };
}

export class ToolClient {
  readonly acks: Ack[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.acks.push(JSON.parse(data.toString()) as Ack);
      this.waiters = this.waiters.filter((w) => (this.acks.length >= w.count ? (w.resolve(), false) : true));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<ToolClient> {
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ToolClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves once `count` acks have arrived in total. */
  waitForAcks(count: number): Promise<Ack[]> {
    if (this.acks.length >= count) return Promise.resolve(this.acks);
    return new Promise((resolve) => this.waiters.push({ count, resolve: () => resolve(this.acks) }));
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}
