// The in-process bus: services publish after commit; transports forward to windows.
import type { DomainEvent } from '../contract';

export type DomainEventListener = (event: DomainEvent) => void;

export class EventBus {
  private readonly listeners = new Set<DomainEventListener>();

  on(listener: DomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window) must not undo or block a committed change.
      }
    }
  }
}
