// A fake preload bridge for the renderer's store tests: every call waits until the test answers (or fails) it, so a
// test decides the order answers arrive in.
export interface PendingCall {
  channel: string;
  input: unknown;
  answer(value: unknown): void;
  fail(error: unknown): void;
}

/** The window the stores see (on the ticket list's hash) and the calls made through it, oldest first. */
export function answerableWindow() {
  const calls: PendingCall[] = [];
  const window = {
    emerald: {
      invoke: (channel: string, input: unknown) =>
        new Promise((resolve) => {
          calls.push({ channel, input, answer: (value) => resolve({ ok: true, value }), fail: (error) => resolve({ ok: false, error }) });
        }),
      on: () => () => undefined,
    },
    location: { hash: '#/tickets', pathname: '/', search: '' },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return { calls, window, asked: (channel: string) => calls.filter((call) => call.channel === channel) };
}
