// The in-process bus: services publish after commit; transports forward to windows.
import type { DomainEvent } from '../contract';

export type DomainEventListener = (event: DomainEvent) => void;

export class EventBus {
  private readonly listeners = new Set<DomainEventListener>();

  /** Where a failing listener is reported (the shell's log; stderr unless told otherwise). */
  constructor(private readonly log: (message: string, error?: unknown) => void = (message, error) => console.error(message, error)) {}

  on(listener: DomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
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
