// One word for a superuser everywhere (sidebar, Administración → Usuarios, pairing): "Administrador principal", the
// words the refusals already use; the role called Administrador is a role like any other.
import type { TFunction } from 'i18next';

interface Person {
  isSuperuser: boolean;
  roleName: string | null;
}

/** What a person is, as a line under their name or a table cell; null when they have no role. */
export function roleWords(t: TFunction, person: Person): string | null {
  return person.isSuperuser ? t('common:superuser.label') : person.roleName;
}

/** The tooltip that says what being a superuser means (empty for anyone else). */
export function roleHint(t: TFunction, person: Person): string | undefined {
  return person.isSuperuser ? t('common:superuser.hint') : undefined;
}
