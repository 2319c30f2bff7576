// Administración through the UI: users, roles, a catalog delete refused as in use, and company settings.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

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

describe('administration', () => {
  it('creates a user (after fixing a too short password), changes their role, resets the password and deactivates them', async () => {
    await goTo(page, '#/admin/users');
    await page.getByRole('button', { name: 'Nuevo usuario' }).click();
    await dialog().getByLabel('Nombre completo').fill('Marta Vidal');
    await dialog().getByLabel('Correo').fill('marta.vidal@climasur.es');
    await dialog().getByLabel('Usuario').fill('mvidal');
    await dialog().getByLabel('Contraseña inicial').fill('corta');
    await dialog().getByLabel('Rol').selectOption({ label: 'Agente' });
    await dialog().getByRole('button', { name: 'Guardar' }).click();
    await dialog().getByText('Debe tener al menos 10 caracteres.').waitFor();
    // A password the service refuses (one of the most common) is said under its box, not as a field the form hides.
    await dialog().getByLabel('Contraseña inicial').fill('password12');
    await dialog().getByRole('button', { name: 'Guardar' }).click();
    await dialog().locator('.field-error', { hasText: 'Esa contraseña es de las más usadas y fáciles de adivinar: elige otra.' }).waitFor();
    expect(await dialog().getByRole('alert').filter({ hasText: 'no muestra' }).count()).toBe(0);
    expect(await dialog().getByLabel('Contraseña inicial').getAttribute('aria-invalid')).toBe('true');
    await dialog().getByLabel('Contraseña inicial').fill('marta-vidal-2026');
    await dialog().getByRole('button', { name: 'Guardar' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: /^Marta Vidal/ }).waitFor();

    await page.getByRole('button', { name: 'Editar a Marta Vidal' }).click();
    await dialog().getByLabel('Rol').selectOption({ label: 'Supervisor' });
    await dialog().getByRole('button', { name: 'Guardar' }).click();
    await page.locator('tr', { hasText: 'Marta Vidal' }).getByRole('cell', { name: 'Supervisor' }).waitFor();

    await page.getByRole('button', { name: 'Cambiar la contraseña de Marta Vidal' }).click();
    await dialog().getByLabel('Nueva contraseña').fill('otra-clave-segura-9');
    await dialog().getByRole('button', { name: 'Cambiar contraseña' }).click();
    await dialog().waitFor({ state: 'detached' });
    await new Caller(app.backend).call('auth.login', { login: 'mvidal', password: 'otra-clave-segura-9' });

    await page.getByRole('button', { name: 'Desactivar a Marta Vidal' }).click();
    await dialog().getByRole('button', { name: 'Desactivar usuario' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'Marta Vidal' }).getByText('Inactivo').waitFor();
    const users = await app.admin.call('users.list', { includeInactive: true });
    expect(users.find((u) => u.username === 'mvidal')).toMatchObject({ isActive: false, roleName: 'Supervisor' });
  });

  it('creates a role from the permission checklist', async () => {
    await goTo(page, '#/admin/roles');
    await page.getByRole('button', { name: 'Nuevo rol' }).click();
    // The empty form's name box has the focus: typing names the role at once.
    await expect.poll(() => page.evaluate('document.activeElement === document.querySelector("input[value=\'\']") && document.activeElement.closest(".field") !== null')).toBe(true);
    await page.keyboard.type('Almacén');
    expect(await page.getByLabel('Nombre del rol').inputValue()).toBe('Almacén');
    await page.getByRole('checkbox', { name: /Ver órdenes de trabajo/ }).check();
    await page.getByRole('checkbox', { name: /Editar catálogos/ }).check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('button', { name: /^Almacén/ }).waitFor();
    const role = (await app.admin.call('roles.list', {})).find((r) => r.name === 'Almacén');
    expect(role?.permissions.sort()).toEqual(['catalog:write', 'workorders:read']);
  });

  it('offers to delete only a role nobody holds, and says why otherwise', async () => {
    await goTo(page, '#/admin/roles');
    await page.getByRole('button', { name: /^Supervisor/ }).click();
    const remove = page.getByRole('button', { name: 'Eliminar rol' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await remove.getAttribute('title')).toMatch(/cámbialo de rol/);
    await page.getByRole('button', { name: /^Almacén/ }).click();
    expect(await page.getByRole('button', { name: 'Eliminar rol' }).isDisabled()).toBe(false);
  });

  it('explains, inside the dialog, that a category in use cannot be deleted', async () => {
    const category = await app.admin.call('categories.create', { name: 'Fontanería' });
    await app.admin.call('tickets.create', { title: 'Cisterna que no para de cargar', categoryId: category.id });
    await goTo(page, '#/admin/categories');
    await page.getByRole('button', { name: 'Eliminar Fontanería' }).click();
    await dialog().getByRole('button', { name: 'Eliminar' }).click();
    await dialog().getByText('No se puede eliminar porque hay tickets, OT o usuarios que lo usan.').waitFor();
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    expect((await app.admin.call('categories.list', {})).some((c) => c.name === 'Fontanería')).toBe(true);
  });

  it('saves company settings; the language switches the whole UI', async () => {
    await goTo(page, '#/admin/settings');
    // Its save button is in sight from the top of the long form (a trial scrolled past it to the next card's Save).
    await page.setViewportSize({ width: 1280, height: 800 });
    const save = page.locator('form.settings-form').getByRole('button', { name: 'Guardar ajustes de la empresa' });
    await page.getByLabel('Nombre de la empresa').focus();
    const box = await save.boundingBox();
    expect(box && box.y + box.height <= 800).toBe(true);
    // Its bar reaches the window's foot: no strip of the fields scrolling by shows under it (an English trial).
    const bar = await page.locator('.settings-form-actions').boundingBox();
    const pane = await page.locator('.admin-body').boundingBox();
    expect(bar && pane && Math.round(bar.y + bar.height - (pane.y + pane.height))).toBe(0);
    await page.getByLabel('Prefijo de OT').fill('cs');
    await page.getByLabel('Idioma predeterminado').selectOption('en');
    // The company time zone (18.16): a select of the zones the browser knows, saved as the IANA name.
    await page.getByLabel('Zona horaria de la empresa').selectOption('America/Santiago');
    // Each zone says its offset and its name in the interface's language, not the IANA name alone.
    expect(await page.getByLabel('Zona horaria de la empresa').locator('option:checked').textContent()).toMatch(/^America\/Santiago · GMT-\d · hora .*Chile$/);
    // The company form, not the measuring-tool card below it, which has its own Save.
    await page.locator('form.settings-form').getByRole('button', { name: 'Guardar ajustes de la empresa' }).click();
    await page.getByRole('heading', { name: 'Company settings' }).waitFor();
    expect(await page.locator('nav.sidebar').textContent()).toContain('Administration');
    const settings = await app.admin.call('settings.get', {});
    expect(settings).toMatchObject({ workOrderPrefix: 'CS', language: 'en', timeZone: 'America/Santiago' });
    expect(await page.getByLabel('Company time zone').inputValue()).toBe('America/Santiago');
    expect(await page.getByLabel('Company time zone').locator('option:checked').textContent()).toMatch(/^America\/Santiago · GMT-\d · Chile.* Time$/);

    await page.getByLabel('Work order prefix').fill('Ñ!');
    await page.locator('form.settings-form').getByRole('button', { name: 'Save company settings' }).click();
    await page.getByText('1 to 8 capital letters or digits.').waitFor();
    expect((await app.admin.call('settings.get', {})).workOrderPrefix).toBe('CS');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
