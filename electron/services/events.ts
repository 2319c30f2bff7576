// The in-process bus: services publish after commit; transports forward to windows.
import type { DomainEvent } from '../contract';

/** Where the change was committed: by default this engine's own connection. */
export interface EventOrigin {
  /** Committed by another connection to the same file (the hub's thread) and relayed here: that one checkpoints it. */
  committedElsewhere?: boolean;
}

export type DomainEventListener = (event: DomainEvent, origin: EventOrigin) => void;

const HERE: EventOrigin = {};

export class EventBus {
  private readonly listeners = new Set<DomainEventListener>();

  /** Where a failing listener is reported (the shell's log; stderr unless told otherwise). */
  constructor(private readonly log: (message: string, error?: unknown) => void = (message, error) => console.error(message, error)) {}

  on(listener: DomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DomainEvent, origin: EventOrigin = HERE): void {
    for (const listener of this.listeners) {
      try {
        listener(event, origin);
      } catch (error) {
        // A broken listener (a closed window) must not undo or block a committed change, nor fail unseen.
        try {
          this.log(`event listener failed on ${event.entity} ${event.kind}`, error);
        } catch {
          // A failing log must not stop the other listeners either.
        }
      }
    }
  }
}
