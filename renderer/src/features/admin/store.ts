// Administration data: users, roles and the three catalogs, each reloaded when a domain event says so.
import { sessionStore } from '../../stores/sessionStores';
import type { CategoryDto, CustomerDto, ProductDto, RoleDto, UserDto } from '../../../../electron/contract';
import { api } from '../../api/client';

export type CatalogKind = 'categories' | 'customers' | 'products';
export interface CatalogRows {
  categories: CategoryDto[];
  customers: CustomerDto[];
  products: ProductDto[];
}

interface AdminState {
  users: UserDto[];
  roles: RoleDto[];
  catalogs: CatalogRows;
  query: Record<CatalogKind | 'users', string>;
  loading: boolean;
  error: unknown;
  loadUsers(): Promise<void>;
  loadRoles(): Promise<void>;
  loadCatalog(kind: CatalogKind): Promise<void>;
  setQuery(kind: CatalogKind | 'users', q: string): void;
}

async function track<T>(set: (s: Partial<AdminState>) => void, work: () => Promise<T>): Promise<void> {
  set({ loading: true, error: null });
  try {
    await work();
    set({ loading: false });
  } catch (error) {
    set({ loading: false, error });
  }
}

export const useAdmin = sessionStore<AdminState>('admin', (set, get) => ({
  users: [],
  roles: [],
  catalogs: { categories: [], customers: [], products: [] },
  query: { users: '', categories: '', customers: '', products: '' },
  loading: false,
  error: null,

  loadUsers: () =>
    track(set, async () => {
      const q = get().query.users.trim();
      set({ users: await api.call('users.list', { includeInactive: true, ...(q ? { q } : {}) }) });
    }),
  loadRoles: () =>
    track(set, async () => {
      set({ roles: await api.call('roles.list', {}) });
    }),
  loadCatalog: (kind) =>
    track(set, async () => {
      const q = get().query[kind].trim();
      const input = q ? { q } : {};
      const rows =
        kind === 'categories'
          ? await api.call('categories.list', input)
          : kind === 'customers'
            ? await api.call('customers.list', { ...input, limit: 500 })
            : await api.call('products.list', { ...input, limit: 500 });
      set({ catalogs: { ...get().catalogs, [kind]: rows } });
    }),
  setQuery(kind, q) {
    set({ query: { ...get().query, [kind]: q } });
    void (kind === 'users' ? get().loadUsers() : get().loadCatalog(kind));
  },
}));
