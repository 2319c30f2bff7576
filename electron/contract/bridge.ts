// The shape of `window.emerald`: what the preload exposes in Electron and what browser mode imitates over HTTP.
import type { ChannelName, InputOf } from './index';
import type { Envelope } from './errors';
import type { DomainEvent } from './events';

export interface EmeraldBridge {
  /** Calls one contract channel; always resolves to the envelope, never throws for domain errors. */
  invoke<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Envelope<unknown>>;
  /** Subscribes to pushed domain events; returns the unsubscribe function. */
  on(event: 'domain.event', listener: (event: DomainEvent) => void): () => void;
}
