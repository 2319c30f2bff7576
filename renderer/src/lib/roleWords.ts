// One word for a superuser everywhere (sidebar, Administración → Usuarios, pairing): "Administrador principal", the
// words the refusals already use; the role called Administrador is a role like any other.
import type { TFunction } from 'i18next';
import { defaultRoleOf } from '../../../shared/words';

interface Person {
  isSuperuser: boolean;
  roleName: string | null;
}

/** What a person is, as a line under their name or a table cell; null when they have no role. */
export function roleWords(t: TFunction, person: Person): string | null {
  if (person.isSuperuser) return t('common:superuser.label');
  return person.roleName === null ? null : roleNameWords(t, person.roleName);
}

/** A role's name on screen: a default role still called by its default (Spanish) name reads in the UI's language. */
export function roleNameWords(t: TFunction, name: string): string {
  const role = defaultRoleOf(name);
  return role ? t(`common:defaultRole.${role}`) : name;
}

/** The tooltip that says what being a superuser means (empty for anyone else). */
export function roleHint(t: TFunction, person: Person): string | undefined {
  return person.isSuperuser ? t('common:superuser.hint') : undefined;
}
