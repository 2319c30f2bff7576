// Small wording helpers shared by the team screens.
import type { TFunction } from 'i18next';
import type { ReplacedSettingDto } from '../../../../electron/contract';

/** A member's slot as people read it in codes: 3 → "03". */
export const slotLabel = (slot: number): string => String(slot).padStart(2, '0');

/** The short form of a device id shown beside its name. */
export const shortId = (deviceId: string): string => deviceId.slice(0, 8);

/** "1 ticket y 2 OT", "3 tickets": the codes a join moves, each kind only when there is some. */
export function movedCodesText(t: TFunction, tickets: number, workOrders: number): string {
  const ticketWords = t('join.codes.tickets', { count: tickets });
  const workOrderWords = t('join.codes.workOrders', { count: workOrders });
  if (tickets > 0 && workOrders > 0) return t('join.codes.both', { tickets: ticketWords, workOrders: workOrderWords });
  return tickets > 0 ? ticketWords : workOrderWords;
}

/** "nombre de la empresa: «Climas Sur» → «Servicios Norte»"; a logo or a list is only named. */
export function replacedSettingText(t: TFunction, { key, here, team }: ReplacedSettingDto): string {
  const name = t(`join.preview.setting.${key}`);
  if (here === null || team === null) return name;
  const shown = (value: string | number) =>
    typeof value === 'number' ? t('join.preview.minutes', { count: value }) : value.trim() ? t('join.preview.quoted', { value }) : t('join.preview.blank');
  return t('join.preview.settingValue', { name, here: shown(here), team: shown(team) });
}
