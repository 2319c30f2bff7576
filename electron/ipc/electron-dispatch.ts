// The Electron transport: one ipcMain.handle into the router, the sender frame checked, sessions kept per window.
// Takes ipcMain and the window list as parameters (types only from electron), so tests drive it with fakes.
import type { Envelope, ErrorShape } from '../contract';
import { whenReady, type EngineTransport } from './engine/host';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './electron-channels';

export interface FrameLike {
  readonly url: string;
  /** null for a top-level frame. */
  readonly parent: unknown;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** null when the frame navigated away or was destroyed before the call arrived. */
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** A window's webContents as far as pushing events goes. */
export interface EventTarget {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcDispatcherDeps {
  ipcMain: IpcMainLike;
  /** The data engine: an in-process Backend or the engine worker's host (startEngineWorker). */
  backend: EngineTransport;
  /** Our windows' webContents: the only senders served and the receivers of pushed events. */
  windows: () => Iterable<EventTarget>;
  /** Whether a URL is our renderer (app://emerald/…). */
  isAppUrl: (url: string) => boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface IpcDispatcher {
  /** Ends the session of a closed window. */
  forget(webContentsId: number): void;
  /** How many windows hold a session (for tests and diagnostics). */
  sessionCount(): number;
  dispose(): void;
}

const refuse = (error: ErrorShape): Envelope<never> => ({ ok: false, error });

export function registerIpcDispatcher(deps: IpcDispatcherDeps): IpcDispatcher {
  // The token stays here, keyed by webContents id: the renderer never sees it.
  const sessions = new Map<number, string>();

  const isOurWindow = (id: number): boolean => {
    for (const target of deps.windows()) if (target.id === id && !target.isDestroyed()) return true;
    return false;
  };

  deps.ipcMain.handle(INVOKE_CHANNEL, async (event, channel, input): Promise<Envelope<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !deps.isAppUrl(frame.url) || !isOurWindow(event.sender.id)) {
      return refuse({ code: 'FORBIDDEN', message: 'calls are accepted only from the Emerald window', details: { reason: 'foreign_sender' } });
    }
    const id = event.sender.id;
    try {
      const result = await deps.backend.dispatch({ sessionToken: sessions.get(id) ?? null }, channel, input);
      if (typeof result.session === 'string') sessions.set(id, result.session);
      else if (result.session === null) sessions.delete(id);
      return result.envelope;
    } catch (error) {
      deps.log?.('ipc dispatch failed', error);
      return refuse({ code: 'INTERNAL', message: 'something went wrong; the change was not saved', details: { reason: 'internal' } });
    }
  });

  // Events name rows and ids: only a window whose session is still active gets them (peek: not counted as activity).
  // Across the thread the answer comes later, in the order asked (one message port), so events keep their order.
  const unsubscribe = deps.backend.onEvent((event) => {
    for (const target of deps.windows()) {
      if (target.isDestroyed()) continue;
      whenReady(
        deps.backend.sessionStatus(sessions.get(target.id) ?? null),
        (status) => {
          if (status === 'active' && !target.isDestroyed()) target.send(EVENT_CHANNEL, event);
        },
        (error) => deps.log?.('session check for an event failed', error),
      );
    }
  });

  return {
    forget(webContentsId) {
      const token = sessions.get(webContentsId);
      if (token) void deps.backend.endSession(token);
      sessions.delete(webContentsId);
    },
    sessionCount: () => sessions.size,
    dispose() {
      unsubscribe();
      deps.ipcMain.removeHandler(INVOKE_CHANNEL);
      for (const token of sessions.values()) void deps.backend.endSession(token);
      sessions.clear();
    },
  };
}
