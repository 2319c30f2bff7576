// The typed client every screen uses: one call per contract channel, over window.emerald or HTTP.
import type { ChannelName, DomainEvent, EmeraldBridge, ErrorShape, InputOf, OutputOf } from '../../../electron/contract';
import { createHttpBridge, takeLaunchToken } from './http-bridge';

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

function resolveBridge(): EmeraldBridge {
  if (window.emerald) return window.emerald;
  const token = takeLaunchToken();
  if (!token) {
    return {
      invoke: async () => ({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'open the address printed by npm run serve', details: { reason: 'bad_token' } },
      }),
      on: () => () => undefined,
    };
  }
  return createHttpBridge(token);
}

const bridge = resolveBridge();
const unauthenticatedListeners = new Set<(error: ApiError) => void>();

export const api = {
  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const envelope = await bridge.invoke(channel, input);
    if (envelope.ok) return envelope.value as OutputOf<C>;
    const error = new ApiError(envelope.error);
    if (error.code === 'UNAUTHENTICATED' && error.reason === 'session_expired') {
      for (const listener of unauthenticatedListeners) listener(error);
    }
    throw error;
  },
  onEvent(listener: (event: DomainEvent) => void): () => void {
    return bridge.on('domain.event', listener);
  },
  /** Called when a session expires mid-use, so the app can lock. */
  onSessionExpired(listener: (error: ApiError) => void): () => void {
    unauthenticatedListeners.add(listener);
    return () => unauthenticatedListeners.delete(listener);
  },
};
