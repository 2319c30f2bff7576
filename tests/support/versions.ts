// The row version a caller sees now, for tests whose subject is not concurrency: every update must name one (18.17).
import type { Caller } from './backend';

export type VersionedKind = 'customer' | 'product' | 'category' | 'user' | 'role' | 'workOrder';

export async function versionOf(caller: Caller, kind: VersionedKind, id: string): Promise<number> {
  const found = await (async (): Promise<{ id: string; version: number } | undefined> => {
    switch (kind) {
      case 'customer':
        return caller.call('customers.get', { id });
      case 'product':
        return (await caller.call('products.list', {})).find((row) => row.id === id);
      case 'category':
        return (await caller.call('categories.list', {})).find((row) => row.id === id);
      case 'user':
        return (await caller.call('users.list', { includeInactive: true })).find((row) => row.id === id);
      case 'role':
        return (await caller.call('roles.list', {})).find((row) => row.id === id);
      case 'workOrder':
        return caller.call('workOrders.get', { id });
    }
  })();
  if (!found) throw new Error(`no ${kind} ${id} for this caller`);
  return found.version;
}

/** Each stored setting's version, as settings.get shows it (what settings.update's `versions` wants). */
export async function settingsVersions(caller: Caller): Promise<Record<string, number>> {
  return (await caller.call('settings.get', {})).versions;
}
