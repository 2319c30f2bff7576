// The words for a conflict in the list: what collided and who was on each side.
import type { TFunction } from 'i18next';
import type { ConflictDto, ConflictStampDto } from '../../../../electron/contract/conflicts';
import { formatRelative } from '../../lib/format';

/** The field of a concurrent edit in words ("Título"), falling back to its name. */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`conflicts:field.${field}`, { defaultValue: field });
}

/** One line naming what collided: codes and titles, a serial, a customer's name. */
export function subjectOf(t: TFunction, c: ConflictDto): string {
  switch (c.kind) {
    case 'concurrent_edit':
      return t('conflicts:subject.concurrent_edit', { field: fieldLabel(t, c.field), label: c.label });
    case 'closed_ticket_open_ot':
      return t('conflicts:subject.closed_ticket_open_ot', { ticket: c.ticket.code, workOrder: c.workOrder?.code ?? '—', title: c.ticket.title });
    case 'duplicate_serial':
      return t('conflicts:subject.duplicate_serial', { serial: c.serial, count: c.items.length });
    case 'duplicate_customer':
      return t('conflicts:subject.duplicate_customer', { name: c.name, count: c.customers.length });
    case 'ticket_close_undone':
      return t('conflicts:subject.ticket_close_undone', { ticket: c.ticket.code, title: c.ticket.title });
    case 'started_ot_cancelled':
      return t('conflicts:subject.started_ot_cancelled', { workOrder: c.workOrder?.code ?? '—', ticket: c.ticket?.code ?? '—', title: c.ticket?.title ?? '' });
  }
}

/** Who and when on each side, in the order the detail pane shows them. */
export function sidesOf(c: ConflictDto): ConflictStampDto[] {
  switch (c.kind) {
    case 'concurrent_edit':
      return c.values;
    case 'closed_ticket_open_ot':
      return [c.closed, c.opened];
    case 'duplicate_serial':
      return c.items.map((item) => item.logged);
    case 'duplicate_customer':
      return c.customers.map((customer) => customer.created);
    case 'ticket_close_undone':
      return c.changed ? [c.closed, c.changed] : [c.closed];
    case 'started_ot_cancelled':
      return [c.started, c.cancelled];
  }
}

/** "Lucía Martín (Portátil taller)" — the person and the laptop, as far as they are known. */
export function whoOf(t: TFunction, stamp: ConflictStampDto): string {
  const person = stamp.userName ?? t('conflicts:stamp.unknownPerson');
  const device = stamp.deviceName ?? (stamp.deviceId ? t('conflicts:stamp.otherDevice') : null);
  return device ? t('conflicts:stamp.personOnDevice', { person, device }) : person;
}

export function whenOf(t: TFunction, stamp: ConflictStampDto): string {
  return stamp.at ? formatRelative(stamp.at) : t('conflicts:stamp.unknownTime');
}
