// Every store that holds what a signed-in user saw is made here, so signing out returns them all to their first
// state: on a shared laptop the next person never sees the previous one's ticket, lists, telemetry or admin data.
// tests/renderer/session-stores.test.ts fails when a module makes a zustand store any other way.
import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';
import { api } from '../api/client';

const resets = new Map<string, () => void>();

/** `create` for a per-session store; `name` only labels it for tests. Its initial state is rebuilt on sign-out. */
export function sessionStore<T>(name: string, init: StateCreator<T, [], []>): UseBoundStore<StoreApi<T>> {
  if (resets.has(name)) throw new Error(`session store ${name} is made twice`);
  const store = create<T>()(init);
  // Rebuilt rather than remembered, so values such as "now" are the next session's, not the app start's.
  resets.set(name, () => store.setState(init(store.setState, store.getState, store), true));
  return store;
}

/** For module state beside a store (in-flight maps, generations): cleared with the stores. */
export function onSessionReset(name: string, reset: () => void): void {
  if (resets.has(name)) throw new Error(`session reset ${name} is registered twice`);
  resets.set(name, reset);
}

/**
 * Called on sign-out, before anything else: answers still on their way for the old session are dropped (their
 * promises never settle, so no late `set` refills a store), then every registered store and reset runs.
 */
export function resetSessionStores(): void {
  api.dropPendingAnswers();
  for (const reset of resets.values()) reset();
}

/** The names registered so far (tests). */
export function sessionStoreNames(): string[] {
  return [...resets.keys()];
}
