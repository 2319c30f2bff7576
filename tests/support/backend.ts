// Test harness: a real backend on a real SQLite file in a fresh temp folder, plus a signed-in caller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChannelName, Envelope, InputOf, OutputOf } from '../../electron/contract';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import type { Clock } from '../../electron/services/context';

export const ADMIN = { email: 'admin@example.com', username: 'admin', password: 'admin-password-1', fullName: 'Ana Administradora' };

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** One caller holding its own session token, like a window or a browser tab. */
export class Caller {
  token: string | null = null;
  constructor(private readonly backend: Pick<Backend, 'dispatch'>) {}

  async envelope(channel: string, input: unknown): Promise<Envelope<unknown>> {
    const result = await this.backend.dispatch({ sessionToken: this.token }, channel, input);
    if (result.session !== undefined) this.token = result.session;
    return result.envelope;
  }

  /** Calls a channel and returns its value; throws with the error shape when it fails. */
  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const env = await this.envelope(channel, input);
    if (!env.ok) throw Object.assign(new Error(`${channel}: ${env.error.code} ${env.error.message}`), { shape: env.error });
    return env.value as OutputOf<C>;
  }

  /** Calls a channel expecting failure; returns the error code. */
  async failure(channel: string, input: unknown): Promise<string> {
    const env = await this.envelope(channel, input);
    if (env.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return env.error.code;
  }
}

export interface TestApp {
  dir: string;
  backend: Backend;
  clock: TestClock;
  admin: Caller;
  caller(): Caller;
  /** Creates a user with the named default role and returns a signed-in caller for them. */
  userWithRole(roleName: string, username: string, fullName?: string): Promise<{ caller: Caller; id: string }>;
  close(): void;
}

export async function startTestApp(options: { setup?: boolean } = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-test-'));
  const clock = new TestClock();
  const backend = createBackend({ dataDir: dir, clock });
  const admin = new Caller(backend);
  if (options.setup !== false) {
    await admin.call('auth.setup', ADMIN);
    await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  }
  return {
    dir,
    backend,
    clock,
    admin,
    caller: () => new Caller(backend),
    async userWithRole(roleName, username, fullName = username) {
      const roles = await admin.call('roles.list', {});
      const role = roles.find((r) => r.name === roleName);
      if (!role) throw new Error(`no role ${roleName}`);
      const password = `${username}-password-1`;
      const user = await admin.call('users.create', {
        email: `${username}@example.com`,
        username,
        password,
        fullName,
        roleId: role.id,
      });
      const caller = new Caller(backend);
      await caller.call('auth.login', { login: username, password });
      return { caller, id: user.id };
    },
    close() {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
