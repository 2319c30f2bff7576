// What the ticket filters and forms choose from: categories, customers and the user directory.
import { sessionStore } from '../../stores/sessionStores';
import type { CategoryDto, CustomerDto, DirectoryUser } from '../../../../electron/contract';
import { api } from '../../api/client';

interface LookupsState {
  categories: CategoryDto[];
  customers: CustomerDto[];
  users: DirectoryUser[];
  loaded: boolean;
  load(): Promise<void>;
  addCustomer(customer: CustomerDto): void;
}

export const CUSTOMER_LIMIT = 500;

export const useLookups = sessionStore<LookupsState>('lookups', (set, get) => ({
  categories: [],
  customers: [],
  users: [],
  loaded: false,

  async load() {
    const [categories, customers, users] = await Promise.all([
      api.call('categories.list', {}),
      api.call('customers.list', { limit: CUSTOMER_LIMIT }),
      api.call('users.directory', {}),
    ]);
    set({ categories, customers, users: users.filter((u) => u.isActive), loaded: true });
  },

  addCustomer(customer) {
    const others = get().customers.filter((c) => c.id !== customer.id);
    set({ customers: [...others, customer].sort((a, b) => a.name.localeCompare(b.name)) });
  },
}));
