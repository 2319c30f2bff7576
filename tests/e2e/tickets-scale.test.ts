// 100k tickets: the list counts them all, loads keyset pages while scrolling, keeps the DOM bounded and searches the index.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const TOTAL = 100_000;
/** Rows in view at 1280×800 plus the virtualizer's overscan: far below one page of 100. */
const MAX_RENDERED_ROWS = 40;

let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await startE2eApp();
  const me = await app.admin.call('auth.me', {});
  // Bulk rows straight into the real file, generated inside SQLite (the FTS triggers still run): the API would take minutes.
  app.backend.database.sqlite
    .prepare(
      `INSERT INTO tickets (id, code, title, description, status, priority, creator_id, resolution, closed_at, version, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @total),
         rows AS (
           SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' minutes') AS at,
                  CASE i % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'waiting' ELSE 'closed' END AS status
           FROM n)
       SELECT printf('00000000-0000-7000-8000-%012d', i), printf('TK-2026-%06d', i), 'Avería número ' || i, '', status,
              CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high' ELSE 'critical' END, @creator,
              CASE status WHEN 'closed' THEN 'Resuelta' END, CASE status WHEN 'closed' THEN at END, 1, at, at
       FROM rows`,
    )
    .run({ total: TOTAL, creator: me.user.id });
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const renderedRows = () => page.locator('[data-ticket-row]').count();
const highestIndex = () =>
  page.evaluate(`Math.max(...Array.from(document.querySelectorAll('[data-ticket-row]')).map((e) => Number(e.dataset.index)))`) as Promise<number>;

describe('tickets at 100k', () => {
  it('shows the counts for all of them and renders only the rows in view', async () => {
    await page.locator('[role="tab"][data-tab="all"]').click();
    await page.locator('[role="tab"][data-tab="all"] .count', { hasText: '100.000' }).waitFor();
    await page.locator('[data-ticket-row]', { hasText: `Avería número ${TOTAL}` }).waitFor();
    expect(await renderedRows()).toBeLessThanOrEqual(MAX_RENDERED_ROWS);
  });

  it('loads the next keyset pages while scrolling and keeps the DOM bounded', async () => {
    await page.locator('.ticket-list').hover();
    // Scroll until rows past the third page (index ≥ 250) are on screen; each wheel turn may fetch a page.
    for (let turn = 0; turn < 60 && (await highestIndex()) < 250; turn++) {
      await page.mouse.wheel(0, 4000);
      await page.locator('.ticket-list[aria-busy="false"]').waitFor();
    }
    expect(await highestIndex()).toBeGreaterThanOrEqual(250);
    expect(await renderedRows()).toBeLessThanOrEqual(MAX_RENDERED_ROWS);
    // Newest first: row i of the "all" tab is ticket TOTAL - i. Index and title are read in one step in the page: the
    // virtual list may still recycle rows after the last wheel turn, and a row looked up later can be gone.
    const [index, text] = (await page.evaluate(`(() => {
      const rows = Array.from(document.querySelectorAll('[data-ticket-row]'));
      const last = rows.reduce((top, row) => (Number(row.dataset.index) > Number(top.dataset.index) ? row : top));
      return [Number(last.dataset.index), last.querySelector('.ticket-title')?.textContent ?? null];
    })()`)) as [number, string | null];
    expect(index).toBeGreaterThanOrEqual(250);
    expect(text).toBe(`Avería número ${TOTAL - index}`);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('finds one ticket among 100k with the search box', async () => {
    await page.fill('input[type="search"]', 'TK-2026-054321');
    await page.locator('[data-ticket-row]', { hasText: 'Avería número 54321' }).waitFor();
    await page.locator('[role="tab"][data-tab="all"] .count', { hasText: /^1$/ }).waitFor();
  });

  it('a search matching every ticket shows its counts capped: "1.000+" per status, at least their sum for a tab of several', async () => {
    await page.fill('input[type="search"]', 'avería');
    await page.locator('[role="tab"][data-tab="all"] .count', { hasText: '4.000+' }).waitFor();
    for (const tab of ['open', 'in_progress', 'waiting', 'closed']) expect(await page.locator(`[role="tab"][data-tab="${tab}"] .count`).textContent()).toBe('1.000+');
    expect(await page.locator('[role="tab"][data-tab="active"] .count').textContent()).toBe('3.000+');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
