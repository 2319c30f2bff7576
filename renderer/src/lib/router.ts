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

/** Sign-out: the next person starts on the default screen, not on the ticket the previous one had open. */
export function forgetRoute(): void {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
