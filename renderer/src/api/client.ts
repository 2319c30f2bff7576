// The typed client every screen uses: one call per contract channel, over window.emerald or HTTP.
import type { ChannelName, DomainEvent, EmeraldBridge, ErrorShape, InputOf, OutputOf } from '../../../electron/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    emerald?: EmeraldBridge;
  }
}

/** A failed call, carrying the router's error shape so the UI can translate `code`/`details.reason`. */
export class ApiError extends Error {
  readonly shape: ErrorShape;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.shape = shape;
  }
  get code() {
    return this.shape.code;
  }
  get reason(): string | undefined {
    return this.shape.details?.reason;
  }
}

/** Electron's preload bridge, or browser mode's HTTP one (a tab without the launch cookie gets bad_token answers). */
function resolveBridge(): EmeraldBridge {
  return window.emerald ?? createHttpBridge();
}

const bridge = resolveBridge();
const unauthenticatedListeners = new Set<(error: ApiError) => void>();
const launchRefusedListeners = new Set<(error: ApiError) => void>();

function listen(listeners: Set<(error: ApiError) => void>, listener: (error: ApiError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
/** Bumped on sign-out: an answer to a call made before it belongs to the previous person and is dropped. */
let sessionEpoch = 0;

export const api = {
  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const epoch = sessionEpoch;
    const envelope = await bridge.invoke(channel, input);
    // Neither value nor error: the awaiting code (a store's load) never resumes, and is collected with this promise
    // (a new one each time: a shared pending promise would keep every waiter alive).
    if (epoch !== sessionEpoch) return new Promise<never>(() => undefined);
    if (envelope.ok) return envelope.value as OutputOf<C>;
    const error = new ApiError(envelope.error);
    // Expired, or ended elsewhere (signed out by a password change in another browser): the window locks.
    if (error.code === 'UNAUTHENTICATED' && (error.reason === 'session_expired' || error.reason === 'no_session')) {
      for (const listener of unauthenticatedListeners) listener(error);
    }
    // Browser mode: the server no longer takes this tab's launch cookie (it was restarted with a new token), so every
    // later call fails too; said once, instead of each screen reading it as "not found".
    if (error.code === 'UNAUTHENTICATED' && error.reason === 'bad_token') {
      for (const listener of launchRefusedListeners) listener(error);
    }
    throw error;
  },
  onEvent(listener: (event: DomainEvent) => void): () => void {
    return bridge.on('domain.event', listener);
  },
  /** Sign-out: answers to calls already made are dropped (see stores/sessionStores.ts). */
  dropPendingAnswers(): void {
    sessionEpoch += 1;
  },
  /** Called when a session expires mid-use, so the app can lock. */
  onSessionExpired(listener: (error: ApiError) => void): () => void {
    return listen(unauthenticatedListeners, listener);
  },
  /** Called when browser mode's server refuses the tab's launch cookie, so the app can say to open the new address. */
  onLaunchRefused(listener: (error: ApiError) => void): () => void {
    return listen(launchRefusedListeners, listener);
  },
};
