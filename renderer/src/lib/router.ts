// A tiny hash router (#/tickets/…): works identically under app:// and in browser mode.
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'tickets'; id?: string }
  | { name: 'agenda' }
  | { name: 'myDay' }
  | { name: 'workOrders'; id?: string }
  | { name: 'dispatch' }
  | { name: 'trace'; serial?: string }
  | { name: 'customer'; id: string }
  | { name: 'reports' }
  | { name: 'conflicts' }
  | { name: 'team' }
  | { name: 'admin'; section?: string };

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, second] = path.split('/').map((p) => decodeURIComponent(p));
  switch (head) {
    case 'agenda':
      return { name: 'agenda' };
    case 'my-day':
      return { name: 'myDay' };
    case 'dispatch':
      return { name: 'dispatch' };
    case 'work-orders':
      return second ? { name: 'workOrders', id: second } : { name: 'workOrders' };
    case 'trace': {
      const serial = new URLSearchParams(query).get('serial');
      return serial ? { name: 'trace', serial } : { name: 'trace' };
    }
    case 'customers':
      return second ? { name: 'customer', id: second } : { name: 'tickets' };
    case 'reports':
      return { name: 'reports' };
    case 'conflicts':
      return { name: 'conflicts' };
    case 'team':
      return { name: 'team' };
    case 'admin':
      return second ? { name: 'admin', section: second } : { name: 'admin' };
    default:
      return second ? { name: 'tickets', id: second } : { name: 'tickets' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'tickets':
      return route.id ? `#/tickets/${encodeURIComponent(route.id)}` : '#/tickets';
    case 'agenda':
      return '#/agenda';
    case 'myDay':
      return '#/my-day';
    case 'dispatch':
      return '#/dispatch';
    case 'workOrders':
      return route.id ? `#/work-orders/${encodeURIComponent(route.id)}` : '#/work-orders';
    case 'trace':
      return route.serial ? `#/trace?serial=${encodeURIComponent(route.serial)}` : '#/trace';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'reports':
      return '#/reports';
    case 'conflicts':
      return '#/conflicts';
    case 'team':
      return '#/team';
    case 'admin':
      return route.section ? `#/admin/${encodeURIComponent(route.section)}` : '#/admin';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

let lastLeftHash: string | null = null;
let lastWasRevisit = false;
let rememberingHistory = false;
const OPENED_ONTO = { enteredFrom: '' };

/** Sign-out: the next person starts on the default screen, not on the ticket the previous one had open. */
export function forgetRoute(): void {
  window.history.replaceState(OPENED_ONTO, '', window.location.pathname + window.location.search);
}

/**
 * Each history entry remembers the page it was first reached from, so a screen's ← can step back in history (like the
 * browser's) and say where to; a revisit by back or forward keeps what the entry first got. Started by the first
 * subscription to the route, before it: the entry is stamped before the new screen renders.
 */
function rememberHistory(): void {
  if (rememberingHistory) return;
  rememberingHistory = true;
  // The entry the app was opened (or reloaded) onto was reached from nothing of ours: marked so a later back to it is
  // not taken for a first visit.
  if (!hasEnteredFrom(window.history.state)) window.history.replaceState({ ...stateObject(window.history.state), ...OPENED_ONTO }, '');
  window.addEventListener('hashchange', (event) => {
    lastLeftHash = new URL(event.oldURL).hash;
    const state: unknown = window.history.state;
    lastWasRevisit = hasEnteredFrom(state);
    if (!lastWasRevisit) window.history.replaceState({ ...stateObject(state), enteredFrom: lastLeftHash }, '');
  });
}

function stateObject(state: unknown): Record<string, unknown> {
  return state && typeof state === 'object' ? (state as Record<string, unknown>) : {};
}

function hasEnteredFrom(state: unknown): boolean {
  return typeof stateObject(state).enteredFrom === 'string';
}

/** The page this history entry was reached from, when it was reached in the app (not opened or reloaded onto). */
export function enteredFrom(): Route | null {
  const from = stateObject(window.history.state).enteredFrom;
  return typeof from === 'string' && from ? parseHash(from) : null;
}

/**
 * The page just left when the page shown now was come back to (by back or forward, or a ← that steps back), for this
 * page to put the focus on the link that led there; null after going somewhere new.
 */
export function pageCameBackFrom(): string | null {
  return lastWasRevisit ? lastLeftHash : null;
}

const subscribe = (onChange: () => void) => {
  rememberHistory();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
