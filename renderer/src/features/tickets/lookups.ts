// What the ticket filters and forms choose from: categories and the user directory. Customers are searched as you
// type (features/customers/CustomerPicker.tsx): the catalogue can hold far more than a list should load.
import { sessionStore } from '../../stores/sessionStores';
import type { CategoryDto, DirectoryUser } from '../../../../electron/contract';
import { api } from '../../api/client';

interface LookupsState {
  categories: CategoryDto[];
  users: DirectoryUser[];
  loaded: boolean;
  load(): Promise<void>;
}

export const useLookups = sessionStore<LookupsState>('lookups', (set) => ({
  categories: [],
  users: [],
  loaded: false,

  async load() {
    const [categories, users] = await Promise.all([api.call('categories.list', {}), api.call('users.directory', {})]);
    set({ categories, users: users.filter((u) => u.isActive), loaded: true });
  },
}));
