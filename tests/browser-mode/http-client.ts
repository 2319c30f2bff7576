// A raw node:http client for browser-mode tests: it can send any Host/Origin and paths that fetch would normalize.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  address?: string;
}

export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${options.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One browser tab: the launch token in every call, and a cookie jar holding the session cookie. */
export class BrowserTab {
  cookie: string | null = null;
  constructor(
    readonly port: number,
    readonly token: string,
  ) {}

  async post(channel: string, input: unknown): Promise<RawResponse> {
    const response = await rawRequest({
      port: this.port,
      method: 'POST',
      path: `/api/${channel}`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers['set-cookie']?.[0];
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return response;
  }
}
