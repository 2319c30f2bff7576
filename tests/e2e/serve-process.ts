// Browser-mode instances as child processes (`scripts/serve.ts`), each with its own data folder, port and token:
// the LAN-sync e2e runs a hub and members side by side on loopback and kills them with real signals.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BrowserTab } from '../browser-mode/http-client';
import { bundledScript } from '../support/bundled';
import { repoRoot } from './support';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  token: string;
  output: () => string;
  /** A signed-in API client (after `signIn`). */
  tab: BrowserTab;
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServeOptions {
  dataDir: string;
  port?: number;
  token?: string;
  hub?: string;
  env?: Record<string, string>;
}

export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const args = ['--port', String(options.port ?? 0), '--data-dir', options.dataDir, '--no-build', ...(options.hub ? ['--hub', options.hub] : [])];
  // Node itself, not a launcher: SIGKILL must hit the server. scripts/serve.ts bundled once per test process
  // (support/bundled.ts): a start without tsx's transpiling loader.
  const child = spawn(process.execPath, [await bundledScript('scripts/serve.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, EMERALD_TOKEN: token, EMERALD_NO_MDNS: '1', ...options.env },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const match = /^EMERALD_URL=(\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL:\n${out}`));
    });
  });
  const port = Number(new URL(url).port);
  const tab = new BrowserTab(port, token);
  const process_: ServeProcess = {
    child,
    url,
    port,
    token,
    output: () => out,
    tab,
    async call<T>(channel: string, input: unknown = {}) {
      const response = await tab.post(channel, input);
      const envelope = response.json<{ ok: boolean; value?: T; error?: { code: string; message: string; details?: { reason?: string } } }>();
      if (!envelope.ok) {
        const error = new Error(`${channel}: ${envelope.error?.message ?? response.text}`) as Error & { reason?: string };
        if (envelope.error?.details?.reason) error.reason = envelope.error.details.reason;
        throw error;
      }
      return envelope.value as T;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  return process_;
}

/** Polls `read` until `done` holds or the deadline passes; returns the last value (the caller asserts on it). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs: number, everyMs = 250): Promise<T> {
  const until = Date.now() + deadlineMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await read();
  }
  return value;
}
