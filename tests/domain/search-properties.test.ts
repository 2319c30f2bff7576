// Property test of search over the per-event index: for any words (prefixes, accents folded) and filters, the list
// answers exactly the tickets whose own text or events hold every word, once each, pages cleanly, and the counts agree.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketSummary } from '../../electron/contract';
import { countCap } from '../../electron/services/tickets/counts';
import { chooseSearchPlan, filterSql, pageWalk, searchPlan, type SearchPlan } from '../../electron/services/tickets/list';
import { loadActor } from '../../electron/services/users/actor';
import { startDomainApp, type DomainFixture } from './fixtures';

const WORDS = ['caldera', 'router', 'impresora', 'fusor', 'tóner', 'cámara', 'bomba', 'válvula'];
/** What the tokenizer keeps of a text (unicode61, diacritics removed): lower-case words of letters and digits. */
const tokens = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const fold = (word: string) => tokens(word).join('');

let f: DomainFixture;
/** Matches only a note explains (not the title): the property must have met some, or it proved little. */
let foundByHistory = 0;
/** Every ticket's searchable words: code, title, description, customer and each event's text. */
const wordsOf = new Map<string, Set<string>>();

beforeAll(async () => {
  f = await startDomainApp();
  for (let i = 0; i < 16; i++) {
    const t = await f.admin.call('tickets.create', {
      title: `Avería de ${WORDS[i % WORDS.length]}`,
      priority: TICKET_PRIORITIES[i % 4],
      ...(i % 2 === 0 ? { customerId: f.customerId } : {}),
      ...(i % 3 === 0 ? { categoryId: f.categoryId } : {}),
      ...(i % 4 === 1 ? { assignedToId: f.tec1.id } : {}),
    });
    // Changed after creation: a search's doc row must follow its ticket's priority, category and assignee.
    if (i % 7 === 2) {
      const changed = await f.admin.call('tickets.update', { id: t.id, version: t.version, priority: 'critical', categoryId: f.categoryId });
      await f.admin.call('tickets.assign', { id: t.id, assignedToId: f.tec1.id, version: changed.version });
    }
    // Notes name other parts: a ticket is found by words that are only in its history.
    for (let n = 0; n < i % 4; n++) await f.admin.call('tickets.addNote', { id: t.id, content: `Revisado ${WORDS[(i * 3 + n * 5 + 1) % WORDS.length]}` });
    if (i % 5 === 1) await f.admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
    f.app.clock.advance(60_000);
  }
  for (const t of (await f.admin.call('tickets.list', { limit: 200 })).items) {
    const detail = await f.admin.call('tickets.get', { id: t.id });
    const texts = [detail.code, detail.title, detail.description ?? '', detail.customer?.name ?? '', ...detail.timeline.map((e) => e.content)];
    wordsOf.set(t.id, new Set(texts.flatMap(tokens)));
  }
});
afterAll(() => f.app.close());

/** A word as typed: whole, or its first letters (at least two), with or without its accents. */
const typedWord = fc
  .tuple(fc.constantFrom(...WORDS), fc.integer({ min: 2, max: 9 }), fc.boolean())
  .map(([word, length, folded]) => (folded ? fold(word) : word).slice(0, length));

// Every plan: the matches walked in order, each ticket checked for the other filters; the filtered tickets walked in
// order, each probed in the matches; and the plan chosen by sizes. A page of the matches alone may walk the tickets'
// index and probe the matches (falling back to sorting them when the walk's steps run out): the default steps meet
// both, and steps past every ticket always walk. Counts stop at a cap: lowered here to reach it.
// The walk answers only when it fills a page, so its pages are one ticket long (a filtered search matches few here).
it.each([
  ['the plan chosen by sizes', null, 0.5, 3],
  ['the matches', 'matches', 0.5, 3],
  ['the filtered tickets', 'filtered', 0.5, 3],
  ["the tickets' index, probed in the matches", 'matches', 100, 1],
] as [string, SearchPlan | null, number, number][])('lists exactly the tickets holding every typed word in their own text or their events, and counts them (driven by %s)', async (_plan, force, walkPerMatch, limit) => {
  searchPlan.force = force;
  pageWalk.walkPerMatch = walkPerMatch;
  await fc.assert(
    fc.asyncProperty(
      fc.array(typedWord, { minLength: 1, maxLength: 2 }),
      fc.subarray([...TICKET_STATUSES]),
      fc.option(fc.constantFrom(...TICKET_PRIORITIES), { nil: undefined }),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom(undefined, 'tec1', 'unassigned'),
      fc.constantFrom('updated_at', 'created_at', 'priority') as fc.Arbitrary<'updated_at' | 'created_at' | 'priority'>,
      fc.constantFrom(1000, 3, 1, 0),
      async (typed, status, priority, byCustomer, byCategory, assignee, sort, cap) => {
        const filter = {
          q: typed.join(' '),
          ...(priority ? { priority } : {}),
          ...(byCustomer ? { customerId: f.customerId } : {}),
          ...(byCategory ? { categoryId: f.categoryId } : {}),
          ...(assignee ? { assignedToId: assignee === 'tec1' ? f.tec1.id : assignee } : {}),
        };
        const seen: TicketSummary[] = [];
        let cursor: string | undefined;
        do {
          const page = await f.admin.call('tickets.list', { ...filter, status, sort, limit, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
        if (sort !== 'priority') {
          const key = (t: TicketSummary) => `${sort === 'updated_at' ? t.updatedAt : t.createdAt} ${t.id}`;
          expect(seen.map(key)).toEqual(seen.map(key).sort().reverse());
        }

        const all = (await f.admin.call('tickets.list', { limit: 200 })).items;
        const prefixes = typed.map(fold);
        const matches = (t: TicketSummary) =>
          prefixes.every((p) => [...(wordsOf.get(t.id) ?? [])].some((w) => w.startsWith(p))) &&
          (!priority || t.priority === priority) &&
          (!byCustomer || t.customer?.id === f.customerId) &&
          (!byCategory || t.category?.id === f.categoryId) &&
          (assignee === undefined || (assignee === 'tec1' ? t.assignedTo?.id === f.tec1.id : t.assignedTo === null));
        const expected = all.filter((t) => matches(t) && (status.length === 0 || status.includes(t.status)));
        expect(seen.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
        foundByHistory += seen.filter((t) => !prefixes.every((p) => tokens(t.title).some((w) => w.startsWith(p)))).length;

        // The counts take the filters but not the tab: every status of the same matches, at most the cap, and which
        // statuses have more.
        countCap.perStatus = cap;
        const counts = await f.admin.call('tickets.counts', filter);
        countCap.perStatus = 1000;
        const oracle = (s: (typeof TICKET_STATUSES)[number]) => all.filter((t) => matches(t) && t.status === s).length;
        for (const s of TICKET_STATUSES) expect(counts.counts[s]).toBe(Math.min(cap, oracle(s)));
        expect(counts.capped.sort()).toEqual(TICKET_STATUSES.filter((s) => oracle(s) > cap).sort());
      },
    ),
    { numRuns: 60, seed: 17 },
  );
  searchPlan.force = null;
  pageWalk.walkPerMatch = 0.5;
  expect(foundByHistory).toBeGreaterThan(0);
});

// The property draws its filters together, so one kept filter on a tab, walked, is rare there: here every such case.
it("lists a tab's tickets when one kept filter's index is walked for the page (any word, value and tab)", async () => {
  searchPlan.force = 'matches';
  pageWalk.walkPerMatch = 100;
  try {
    const all = (await f.admin.call('tickets.list', { limit: 200 })).items;
    const filters = [
      ...TICKET_PRIORITIES.map((priority) => [{ priority }, (t: TicketSummary) => t.priority === priority] as const),
      [{ categoryId: f.categoryId }, (t: TicketSummary) => t.category?.id === f.categoryId] as const,
      [{ assignedToId: f.tec1.id }, (t: TicketSummary) => t.assignedTo?.id === f.tec1.id] as const,
      [{ assignedToId: 'unassigned' as const }, (t: TicketSummary) => t.assignedTo === null] as const,
    ];
    const tabs = [['open'], ['in_progress'], ['open', 'in_progress']] as const;
    let walked = 0;
    for (const word of WORDS) {
      for (const [filter, keeps] of filters) {
        for (const tab of tabs) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await f.admin.call('tickets.list', { q: word, ...filter, status: [...tab], limit: 1, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((t) => t.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          const expected = all.filter((t) => [...(wordsOf.get(t.id) ?? [])].some((w) => w.startsWith(fold(word))) && keeps(t) && (tab as readonly string[]).includes(t.status));
          expect(seen.sort(), `${word} ${JSON.stringify(filter)} ${tab.join(',')}`).toEqual(expected.map((t) => t.id).sort());
          if (expected.length > 1) walked++;
        }
      }
    }
    expect(walked).toBeGreaterThan(10);
  } finally {
    searchPlan.force = null;
    pageWalk.walkPerMatch = 0.5;
  }
});

// Last: it adds a ticket the property's oracle does not know.
it('picks the plan by sizes: the filtered tickets drive when few beside the matches, the matches when they are few', async () => {
  const backend = f.app.backend;
  const sqlite = backend.database.sqlite;
  const actor = loadActor(sqlite, (await f.admin.call('auth.me', {})).user.id);
  const ctx = { db: backend.database.db, sqlite, clock: backend.clock, events: backend.events, actor };
  const planOf = (filter: { q: string; customerId?: string; priority?: 'low'; assignedToId?: 'unassigned' }) => {
    const sql = filterSql(ctx, filter);
    return chooseSearchPlan(ctx, { ...sql, hits: sql.hits ?? 0 });
  };
  await f.admin.call('tickets.create', { title: 'Bomba sumergible sin caudal' });
  // 'avería' is in all 16 titles, the customer has 8 of them; 'sumergible' is in one ticket.
  expect(planOf({ q: 'avería', customerId: f.customerId })).toBe('filtered');
  expect(planOf({ q: 'sumergible', customerId: f.customerId })).toBe('matches');
  expect(planOf({ q: 'avería' })).toBe('matches');
  // Filters the doc rows keep: the matches drive unless the filtered tickets are under half of them (4 low of 17).
  expect(planOf({ q: 'avería', priority: 'low' })).toBe('filtered');
  expect(planOf({ q: 'avería', assignedToId: 'unassigned' })).toBe('matches');
});
