// A session that ends on the server while the window still shows the app — idle expiry, or signed out because the
// password was changed in another browser — sends the window to its lock screen. The trial met the second: the
// window stayed up and an opened ticket read "does not exist or you no longer have access".
import { beforeAll, describe, expect, it } from 'vitest';

let answer: { ok: boolean; error?: unknown; value?: unknown } = { ok: true, value: null };
const fakeWindow = {
  emerald: { invoke: () => Promise.resolve(answer), on: () => () => undefined },
  location: { hash: '', pathname: '/', search: '' },
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
};

/** What this test uses of the renderer's client (typed here: the renderer's own types need the DOM library). */
interface Client {
  call(channel: string, input: unknown): Promise<unknown>;
  onSessionExpired(listener: () => void): () => void;
  onLaunchRefused(listener: () => void): () => void;
}
let api: Client;
beforeAll(async () => {
  (globalThis as unknown as { window: unknown }).window = fakeWindow;
  ({ api } = (await import('../../renderer/src/api/client' as string)) as { api: Client });
});

type Refusal = { code: string; message: string; details?: unknown };

async function endedBy(error: Refusal, listen: (listener: () => void) => () => void = (l) => api.onSessionExpired(l)): Promise<boolean> {
  let heard = false;
  const stop = listen(() => (heard = true));
  answer = { ok: false, error };
  await api.call('tickets.get', { id: 'x' }).catch(() => undefined);
  stop();
  return heard;
}

describe('a session ended on the server', () => {
  it('locks the window when the session expired or no longer exists, not on other refusals', async () => {
    expect(await endedBy({ code: 'UNAUTHENTICATED', message: 'expired', details: { reason: 'session_expired' } })).toBe(true);
    expect(await endedBy({ code: 'UNAUTHENTICATED', message: 'gone', details: { reason: 'no_session' } })).toBe(true);
    expect(await endedBy({ code: 'UNAUTHENTICATED', message: 'wrong', details: { reason: 'invalid_credentials' } })).toBe(false);
    expect(await endedBy({ code: 'FORBIDDEN', message: 'no', details: { reason: 'forbidden' } })).toBe(false);
  });

  it('cuts the window off when browser mode’s server refuses the tab’s launch cookie (restarted), and only then', async () => {
    const refused = (error: Refusal) => endedBy(error, (l) => api.onLaunchRefused(l));
    expect(await refused({ code: 'UNAUTHENTICATED', message: 'missing or wrong launch token', details: { reason: 'bad_token' } })).toBe(true);
    expect(await refused({ code: 'UNAUTHENTICATED', message: 'expired', details: { reason: 'session_expired' } })).toBe(false);
    expect(await refused({ code: 'NOT_FOUND', message: 'gone', details: { reason: 'not_found' } })).toBe(false);
    // A refused launch cookie is not an ended session: the lock screen would ask for a password no call can check.
    expect(await endedBy({ code: 'UNAUTHENTICATED', message: 'missing or wrong launch token', details: { reason: 'bad_token' } })).toBe(false);
  });
});
