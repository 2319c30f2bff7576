// The conflict inbox: open or resolved conflicts, the one selected, and resolving it.
import { sessionStore } from '../../stores/sessionStores';
import type { ConflictDto, ConflictResolutionInput } from '../../../../electron/contract/conflicts';
import { api } from '../../api/client';
import { useTeamStatus } from '../team/statusStore';

export type InboxTab = 'open' | 'resolved';

interface ConflictsState {
  tab: InboxTab;
  items: ConflictDto[];
  selectedId: string | null;
  loading: boolean;
  error: unknown;
  setTab(tab: InboxTab): void;
  select(id: string | null): void;
  move(delta: number): void;
  load(): Promise<void>;
  resolve(id: string, resolution: ConflictResolutionInput): Promise<ConflictDto>;
}

export const useConflicts = sessionStore<ConflictsState>('conflicts', (set, get) => ({
  tab: 'open',
  items: [],
  selectedId: null,
  loading: false,
  error: null,

  setTab(tab) {
    if (tab === get().tab) return;
    set({ tab, items: [], selectedId: null });
    void get().load();
  },

  select(id) {
    set({ selectedId: id });
  },

  move(delta) {
    const { items, selectedId } = get();
    if (items.length === 0) return;
    const index = items.findIndex((c) => c.id === selectedId);
    const next = Math.min(items.length - 1, Math.max(0, (index < 0 ? 0 : index) + delta));
    set({ selectedId: items[next]?.id ?? null });
  },

  async load() {
    const tab = get().tab;
    set({ loading: true, error: null });
    try {
      const items = await api.call('conflicts.list', { status: tab });
      if (get().tab !== tab) return;
      // Keep the selection when it is still listed; otherwise the first one, so the detail is never empty.
      const selectedId = items.some((c) => c.id === get().selectedId) ? get().selectedId : (items[0]?.id ?? null);
      set({ items, selectedId, loading: false });
    } catch (error) {
      set({ error, loading: false });
    }
  },

  async resolve(id, resolution) {
    const resolved = await api.call('conflicts.resolve', { id, resolution });
    // A resolved conflict leaves the open list; select its neighbour so the next one is one key away.
    const { items, tab } = get();
    if (tab === 'open') {
      const index = items.findIndex((c) => c.id === id);
      const rest = items.filter((c) => c.id !== id);
      set({ items: rest, selectedId: rest[Math.min(index, rest.length - 1)]?.id ?? null });
    }
    void useTeamStatus.getState().load();
    void get().load();
    return resolved;
  },
}));
