// Shared by the child processes the reliability tests spawn: a real backend on a data folder, signed in as the admin.
import { createBackend, type Backend } from '../../electron/ipc/backend';
import type { ChannelName, InputOf, OutputOf } from '../../electron/contract';

export const CHILD_ADMIN = { email: 'admin@example.com', username: 'admin', password: 'admin-password-1', fullName: 'Ana Administradora' };

export interface ChildApp {
  backend: Backend;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Like call, but answers the error code instead of throwing. */
  attempt(channel: ChannelName, input: unknown): Promise<{ ok: true } | { ok: false; code: string }>;
}

export async function startChildApp(dataDir: string): Promise<ChildApp> {
  const backend = createBackend({ dataDir });
  let token: string | null = null;
  const raw = async (channel: string, input: unknown) => {
    const result = await backend.dispatch({ sessionToken: token }, channel, input);
    if (result.session !== undefined) token = result.session;
    return result.envelope;
  };
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const envelope = await raw(channel, input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as OutputOf<C>;
  };
  const existing = backend.database.sqlite.prepare('SELECT id FROM users WHERE username = ?').get(CHILD_ADMIN.username) as { id: string } | undefined;
  if (existing) {
    // Restarted after a kill: sign in without paying for argon2 again (login itself is not what these tests measure).
    token = backend.sessions.create(existing.id);
  } else {
    await call('auth.setup', CHILD_ADMIN);
    await call('auth.login', { login: CHILD_ADMIN.username, password: CHILD_ADMIN.password });
  }
  return {
    backend,
    call,
    async attempt(channel, input) {
      const envelope = await raw(channel, input);
      return envelope.ok ? { ok: true } : { ok: false, code: envelope.error.code };
    },
  };
}
