// Administración → Copias de seguridad: take one (keyboard), see it listed with where it lives, and read how to restore it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreCommandLine } from '../../electron/contract/backup';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
const dialog = () => page.locator('dialog[open]');

beforeAll(async () => {
  app = await startE2eApp();
  page = await app.openApp();
  await signIn(page);
}, 30_000);

afterAll(async () => {
  await app?.close();
});

describe('backups from Administración', () => {
  it('takes a backup, lists it with its size and folder, and shows the exact restore step (Emerald closed)', async () => {
    await goTo(page, '#/admin/backups');
    await page.getByText('Todavía no hay copias en esta carpeta.').waitFor();
    await page.getByText(path.join(app.dataDir, 'backups'), { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Hacer una copia ahora' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Copia guardada: emerald-.*\.db \(\d+(,\d)? kB\)\.$/).waitFor();
    // A click dismisses the toast, so the screenshot shows the section alone.
    await page.locator('.toast').click();
    await page.locator('.toast').waitFor({ state: 'detached' });
    const [backup] = await app.admin.call('backup.list', {});
    expect(backup).toBeDefined();
    const row = page.locator('tbody tr', { hasText: backup!.fileName });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^\d+(,\d)? kB$/);
    await saveScreenshot(page, 'admin-backups');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('button', { name: /Cómo restaurar la copia del/ }).focus();
    await page.keyboard.press('Enter');
    await dialog().getByText('No se puede hacer con Emerald abierto', { exact: false }).waitFor();
    expect(await dialog().locator('pre.command').textContent()).toBe(restoreCommandLine(app.dataDir, backup!.path));
    await saveScreenshot(page, 'admin-backups-restore');
    expect(await seriousA11yViolations(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('shows the progress the backup job reports while the copy runs', async () => {
    await goTo(page, '#/admin/backups');
    await page.getByRole('button', { name: 'Hacer una copia ahora' }).waitFor();
    // Hold the answer in the browser (the copy itself is done on the server) so the screen stays in its running state,
    // then push a progress event the way the backup job does: the same on any machine, whatever the database's size.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let fetched!: () => void;
    const answered = new Promise<void>((resolve) => (fetched = resolve));
    await page.route('**/api/backup.create', async (route) => {
      const response = await route.fetch();
      fetched();
      await held;
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Hacer una copia ahora' }).click();
    await answered;
    const bar = page.locator('.backup-progress');
    // The job's own last report (every page copied) has reached the screen...
    await bar.getByText('Copiando… 100 %').waitFor();
    // ...and a report pushed now shows as it comes.
    app.backend.events.emit({ entity: 'job', id: 'backup-job', kind: 'progress', progress: { done: 128, total: 512, label: 'backup' } });
    await bar.getByText('Copiando… 25 %').waitFor();
    expect(await bar.locator('progress').getAttribute('value')).toBe('25');
    expect(await page.getByRole('button', { name: 'Haciendo la copia…' }).isDisabled()).toBe(true);
    release();
    await bar.waitFor({ state: 'detached' });
    await page.getByText(/^Copia guardada: /).first().waitFor();
    await page.unroute('**/api/backup.create');
  });

  it('is in the English UI too', async () => {
    await page.evaluate("localStorage.setItem('emerald.language.user', 'en')");
    await page.reload();
    await page.getByRole('button', { name: 'Back up now' }).waitFor();
    await page.getByRole('link', { name: 'Backups' }).waitFor();
    await page.evaluate("localStorage.removeItem('emerald.language.user')");
  });
});
