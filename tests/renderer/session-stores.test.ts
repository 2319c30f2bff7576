// Item 15 of issue 18 (a shared laptop): after sign-out the next person sees nothing of the previous one. Every store is
// made through the session registry and emptied on sign-out; answers of the old session arriving late are dropped;
// the OT list and agenda drop an older request's answer; the telemetry cache is bounded. Runs the real renderer
// modules in Node against a fake window.emerald bridge whose answers the test releases when it wants.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const SRC = path.resolve('renderer/src');

/** Every .ts/.tsx file of the renderer, relative to renderer/src. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path.relative(SRC, full)] : [];
  });
}
const read = (file: string) => readFileSync(path.join(SRC, file), 'utf8');

// ---- a fake bridge: each call waits in `pending` until the test answers it (or answers at once with `auto`) ----
interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}
interface Pending {
  channel: string;
  input: Record<string, unknown>;
  answer(value: unknown): void;
}
let pending: Pending[] = [];
let auto: ((channel: string, input: Record<string, unknown>) => unknown) | null = null;

const fakeWindow = {
  emerald: {
    invoke: (channel: string, input: Record<string, unknown>) =>
      new Promise<Envelope>((resolve) => {
        const answer = (value: unknown) => resolve({ ok: true, value });
        if (auto) answer(auto(channel, input));
        else pending.push({ channel, input, answer });
      }),
    on: () => () => undefined,
  },
  location: { hash: '#/tickets/0190a000-0000-7000-8000-00000000000a', pathname: '/', search: '' },
  history: {
    replaceState(_state: unknown, _title: string, url: string) {
      fakeWindow.location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
    },
  },
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const take = (channel: string): Pending => {
  const index = pending.findIndex((call) => call.channel === channel);
  if (index < 0) throw new Error(`no pending ${channel} call (pending: ${pending.map((c) => c.channel).join(', ')})`);
  return pending.splice(index, 1)[0] as Pending;
};

// The renderer is typed for the DOM (renderer/tsconfig.json); here its modules are loaded untyped, by path.
type Store = { getState(): Record<string, unknown>; setState(patch: Record<string, unknown>): void };
type Module = Record<string, unknown>;
const importRenderer = (file: string): Promise<Module> => import(/* @vite-ignore */ path.join(SRC, file)) as Promise<Module>;
const storesOf = (module: Module): Store[] =>
  Object.values(module).filter((value): value is Store => typeof value === 'function' && typeof (value as Partial<Store>).getState === 'function');

const storeFiles = sourceFiles().filter((file) => /\bsessionStore</.test(read(file)) && !file.endsWith('sessionStores.ts'));
const modules: Record<string, Module> = {};
let registry: { resetSessionStores(): void; sessionStoreNames(): string[] };
let session: Store;

beforeAll(async () => {
  const stored = new Map<string, string>();
  const localStorage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
  Object.assign(globalThis, { window: fakeWindow, localStorage, document: { documentElement: {} } });
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'es-ES' }, configurable: true });
  for (const file of storeFiles) modules[file] = await importRenderer(file);
  registry = (await importRenderer('stores/sessionStores.ts')) as typeof registry;
  session = storesOf(await importRenderer('stores/session.ts'))[0] as Store;
});

beforeEach(() => {
  pending = [];
  auto = null;
});

async function signOut(): Promise<void> {
  auto = (channel) => (channel === 'auth.status' ? { needsSetup: false, companyName: 'Servicios Norte', language: 'es' } : null);
  await (session.getState().logout as () => Promise<void>)();
  auto = null;
}

describe('one registry of per-session stores', () => {
  it('no module makes a zustand store except through stores/sessionStores.ts (session.ts, the signed-in user, resets itself)', () => {
    const zustandUsers = sourceFiles().filter((file) => /from ['"]zustand(\/[\w-]+)?['"]/.test(read(file)));
    expect(zustandUsers.sort()).toEqual(['stores/session.ts', 'stores/sessionStores.ts']);
    expect(storeFiles.length).toBeGreaterThanOrEqual(14);
  });

  it('every store module registered its store by a name of its own', () => {
    const declared = storeFiles.flatMap((file) => [...read(file).matchAll(/sessionStore<\w+>\('([\w-]+)'/g)].map((m) => m[1]));
    expect(declared.length).toBe(storeFiles.length);
    expect(registry.sessionStoreNames()).toEqual(expect.arrayContaining(declared));
  });

  it('signing out returns every store to its first state and forgets the open ticket route', async () => {
    const initial = new Map<Store, Record<string, unknown>>();
    for (const store of Object.values(modules).flatMap(storesOf)) {
      const state = store.getState();
      initial.set(store, state);
      // What user A left behind: every data field replaced by something of theirs.
      const leaked = Object.fromEntries(Object.entries(state).filter(([, value]) => typeof value !== 'function').map(([key]) => [key, { of: 'user A' }]));
      store.setState(leaked);
    }
    expect(initial.size).toBe(storeFiles.length);
    session.setState({ phase: 'ready', user: { id: 'a', username: 'ana' }, permissions: ['tickets:read'] });
    await signOut();
    for (const [store, first] of initial) {
      for (const [key, value] of Object.entries(store.getState())) {
        if (typeof value === 'function') continue;
        expect(JSON.stringify(value) ?? 'undefined', key).not.toContain('user A');
        // The agenda's anchor is "now" again (the next session's), not the state at start.
        if (value instanceof Date) expect(first[key]).toBeInstanceOf(Date);
        else expect(value, key).toEqual(first[key]);
      }
    }
    expect(session.getState()).toMatchObject({ phase: 'login', user: null, permissions: [] });
    expect(fakeWindow.location.hash).toBe('');
  });
});

describe('drafts typed and not saved', () => {
  it('a note typed on a ticket and an OT’s work done are forgotten at sign-out', async () => {
    await importRenderer('features/tickets/Composer.tsx');
    await importRenderer('features/workOrders/WorkDoneCard.tsx');
    const composer = await importRenderer('features/tickets/composerDraft.ts');
    const workDone = await importRenderer('features/workOrders/workDoneDraft.ts');
    const ticketId = '0190a000-0000-7000-8000-0000000000d1';
    (composer.keepComposerDraft as (id: string, draft: unknown) => void)(ticketId, { mode: 'note', text: 'Nota de la usuaria A', channel: 'phone', contactName: '' });
    (workDone.keepWorkDoneDraft as (id: string, text: string, saved: string) => void)(ticketId, 'Trabajo de la usuaria A', '');
    await signOut();
    expect((composer.composerDraftOf as (id: string) => { text: string })(ticketId).text).toBe('');
    expect((workDone.workDoneDraftOf as (id: string) => string | undefined)(ticketId)).toBeUndefined();
  });
});

describe('answers of a signed-out session', () => {
  it('a ticket that arrives after sign-out never reaches the store', async () => {
    const detail = storesOf(modules['features/tickets/detailStore.ts'] as Module)[0] as Store;
    const opening = (detail.getState().open as (id: string) => Promise<void>)('0190a000-0000-7000-8000-00000000000a');
    const call = take('tickets.get');
    await signOut();
    call.answer({ id: '0190a000-0000-7000-8000-00000000000a', title: 'Impresora de Ana' });
    await settle();
    expect(detail.getState()).toMatchObject({ id: null, ticket: null, loading: false });
    void opening;
  });

  it('nor do categories and users of a lookup load cut by sign-out (a store with no guard of its own)', async () => {
    const lookups = storesOf(modules['features/tickets/lookups.ts'] as Module)[0] as Store;
    void (lookups.getState().load as () => Promise<void>)();
    const calls = ['categories.list', 'users.directory'].map(take);
    await signOut();
    for (const call of calls) call.answer([{ id: 'x', name: 'de Ana', isActive: true }]);
    await settle();
    expect(lookups.getState()).toMatchObject({ categories: [], users: [], loaded: false });
  });

  it('a status read cut by sign-out does not block the next session (in-flight guards are reset too)', async () => {
    const team = storesOf(modules['features/team/statusStore.ts'] as Module)[0] as Store;
    void (team.getState().load as () => Promise<void>)();
    const old = take('team.status');
    await signOut();
    void (team.getState().load as () => Promise<void>)();
    take('team.status').answer({ team: null, of: 'user B' });
    await settle();
    old.answer({ team: null, of: 'user A' });
    await settle();
    expect(team.getState().status).toEqual({ team: null, of: 'user B' });
  });
});

describe('stale answers', () => {
  it('agenda: an older window answering after a newer one is dropped', async () => {
    const agenda = storesOf(modules['features/workOrders/agendaStore.ts'] as Module)[0] as Store;
    const load = agenda.getState().load as () => Promise<void>;
    void load();
    const older = take('workOrders.agenda');
    (agenda.getState().shift as (steps: number) => void)(1);
    const newer = take('workOrders.agenda');
    newer.answer([{ id: 'next week' }]);
    await settle();
    older.answer([{ id: 'this week' }]);
    await settle();
    expect(agenda.getState()).toMatchObject({ items: [{ id: 'next week' }], loading: false });
  });

  it('OT list: an older filter answering after a newer one is dropped, and so is an older detail', async () => {
    const workOrders = storesOf(modules['features/workOrders/store.ts'] as Module)[0] as Store;
    (workOrders.getState().setView as (view: string) => void)('all');
    const older = take('workOrders.list');
    (workOrders.getState().setStatusFilter as (statuses: string[]) => void)(['completed']);
    const newer = take('workOrders.list');
    expect(newer.input.status).toEqual(['completed']);
    newer.answer({ items: [{ id: 'completed one' }], nextCursor: null });
    await settle();
    older.answer({ items: [{ id: 'any status' }], nextCursor: null });
    await settle();
    expect(workOrders.getState()).toMatchObject({ items: [{ id: 'completed one' }], listLoading: false });

    const loadDetail = workOrders.getState().loadDetail as (id: string) => Promise<void>;
    void loadDetail('first');
    const first = take('workOrders.get');
    void loadDetail('second');
    take('workOrders.get').answer({ id: 'second' });
    await settle();
    first.answer({ id: 'first' });
    await settle();
    expect(workOrders.getState().detail).toEqual({ id: 'second' });
  });
});

describe('telemetry cache', () => {
  it('keeps the chart series of a bounded number of tickets, the most recently loaded', async () => {
    const telemetry = modules['features/telemetry/store.ts'] as Module;
    const store = storesOf(telemetry)[0] as Store;
    const limit = telemetry.CACHED_TICKET_LIMIT as number;
    expect(limit).toBeGreaterThan(1);
    const at = '2026-03-01T10:00:00.000Z';
    auto = () => ({ total: 1, series: [{ metric: 'temp', unit: 'C', count: 1, min: 1, max: 1, last: { value: 1, measuredAt: at }, exact: true, bucketStartMs: 0, bucketMs: 0, times: [Date.parse(at)], values: [1] }] });
    const tickets = Array.from({ length: limit + 5 }, (_, i) => `ticket-${i}`);
    for (const ticketId of tickets) await (store.getState().load as (id: string) => Promise<void>)(ticketId);
    const cached = Object.keys(store.getState().byTicket as Record<string, unknown>);
    expect(cached).toEqual(tickets.slice(-limit));
    // Loading an evicted ticket again brings it back as the newest, dropping the oldest.
    await (store.getState().load as (id: string) => Promise<void>)('ticket-0');
    expect(Object.keys(store.getState().byTicket as Record<string, unknown>)).toEqual([...tickets.slice(-limit + 1), 'ticket-0']);
  });
});
