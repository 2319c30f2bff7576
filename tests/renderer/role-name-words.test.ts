// The roles every install starts with are stored under Spanish names; an English screen read "Técnico" and "Agente"
// (a README-only trial in English, 2026-12-05). While a role keeps its default name it reads in the UI's language; a
// role an admin named is shown as typed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { roleNameWords, roleWords } from '../../renderer/src/lib/roleWords';
import { DEFAULT_ROLES } from '../../electron/services/users/roles';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['common']);
});

const tIn = (language: 'es' | 'en') => translators[language] as unknown as TFunction;

describe('role names on screen', () => {
  it('every default role reads in English on an English screen, and as stored on a Spanish one', () => {
    const english = DEFAULT_ROLES.map((role) => roleNameWords(tIn('en'), role.name));
    expect(english).toEqual(['Administrator', 'Supervisor', 'Technician', 'Dispatcher', 'Read only']);
    for (const role of DEFAULT_ROLES) expect(roleNameWords(tIn('es'), role.name)).toBe(role.name);
  });

  it('a role named by an admin, or a default one renamed, is shown as typed', () => {
    expect(roleNameWords(tIn('en'), 'Técnicos de frío')).toBe('Técnicos de frío');
    expect(roleNameWords(tIn('en'), 'técnico')).toBe('técnico');
  });

  it('the line under a person’s name follows it, and a superuser stays the main administrator', () => {
    expect(roleWords(tIn('en'), { isSuperuser: false, roleName: 'Agente' })).toBe('Dispatcher');
    expect(roleWords(tIn('en'), { isSuperuser: false, roleName: null })).toBeNull();
    expect(roleWords(tIn('en'), { isSuperuser: true, roleName: 'Técnico' })).toBe('Main administrator');
  });
});
