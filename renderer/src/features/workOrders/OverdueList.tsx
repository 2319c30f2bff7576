// Atrasadas: OTs whose visit was missed (scheduled in the past, not started) or that have run for more than a day.
// The dispatcher's table in Órdenes de trabajo and the technician's list at the top of the agenda.
import { AlertTriangle } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverdueWorkOrderDto } from '../../../../electron/contract';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { formatDateTime } from '../../lib/format';
import { DayAndTime } from '../../components/DayAndTime';
import { hrefFor } from '../../lib/router';
import i18n from '../../i18n';

/** Visits become late by the clock alone, with no change to announce it: a screen showing Atrasadas asks again this often. */
export const OVERDUE_REFRESH_MS = 60_000;

/** Calls `refresh` every OVERDUE_REFRESH_MS while the component is shown (the latest `refresh`, never a stale one). */
export function useOverdueRefresh(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const timer = setInterval(() => latest.current(), OVERDUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
}

/** "ayer", "hace 3 días", "hace 2 horas": days on the company calendar (the service counts them), else hours or minutes. */
export function lateText(overdue: OverdueWorkOrderDto['overdue']): string {
  const rtf = new Intl.RelativeTimeFormat(i18n.language === 'en' ? 'en' : 'es', { numeric: 'auto' });
  if (overdue.lateDays >= 1) return rtf.format(-overdue.lateDays, 'day');
  if (overdue.lateMinutes >= 60) return rtf.format(-Math.floor(overdue.lateMinutes / 60), 'hour');
  return rtf.format(-Math.max(1, overdue.lateMinutes), 'minute');
}

/** What is late, in words: "Sin empezar · programada hace 3 días" or "En curso desde hace 2 días". */
export function OverdueWhy({ wo }: { wo: OverdueWorkOrderDto }) {
  const { t } = useTranslation('workOrders');
  return (
    <span className="overdue-why" title={formatDateTime(wo.overdue.since)}>
      {t(`overdue.reason.${wo.overdue.reason}`, { when: lateText(wo.overdue) })}
    </span>
  );
}

/** `action`: an extra cell at the end of each row (Reprogramar, for whoever plans visits). */
export function OverdueTable({ items, caption, action }: { items: OverdueWorkOrderDto[]; caption: string; action?: (workOrder: OverdueWorkOrderDto) => ReactNode }) {
  const { t } = useTranslation('workOrders');
  return (
    <table className="table ot-table overdue-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('table.code')}</th>
          <th scope="col">{t('table.customer')}</th>
          <th scope="col">{t('table.technician')}</th>
          <th scope="col">{t('table.scheduled')}</th>
          <th scope="col">{t('table.late')}</th>
          <th scope="col">{t('table.status')}</th>
          {action && (
            <th scope="col">
              <span className="sr-only">{t('detail.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((wo) => (
          <tr key={wo.id} className="overdue-row">
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'workOrders', id: wo.id })}>
                {wo.code}
              </a>
            </td>
            <td className="ot-customer overdue-customer">
              {wo.customer?.name ?? '—'}
              <div className="muted ot-ticket-cell" title={`${wo.ticketCode} · ${wo.ticketTitle}`}>
                <a className="mono" href={hrefFor({ name: 'tickets', id: wo.ticketId })}>
                  {wo.ticketCode}
                </a>{' '}
                · {wo.ticketTitle}
              </div>
            </td>
            <td>{wo.technician?.fullName ?? <span className="muted">{t('common:state.unassigned')}</span>}</td>
            <td className="ot-when">
              <DayAndTime iso={wo.scheduledDate} />
            </td>
            {/* Wraps between words rather than pushing Estado off screen (or cutting "hace 14 horas"). */}
            <td className="overdue-late">
              <AlertTriangle size={14} aria-hidden="true" /> <OverdueWhy wo={wo} />
            </td>
            <td>
              <WorkOrderStatusBadge status={wo.status} />
            </td>
            {action && <td>{action(wo)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The top of the agenda: every overdue visit of whoever's agenda it is, before the days, never filtered by the window. */
export function OverdueAgendaSection({ items, total, showTechnician }: { items: OverdueWorkOrderDto[]; total: number; showTechnician: boolean }) {
  const { t } = useTranslation('workOrders');
  if (items.length === 0) return null;
  return (
    <section className="agenda-overdue" aria-labelledby="agenda-overdue-title">
      <h2 id="agenda-overdue-title" className="agenda-overdue-title">
        <AlertTriangle size={16} aria-hidden="true" /> {t('overdue.agendaTitle', { count: total })}
      </h2>
      <ul className="agenda-list agenda-overdue-list">
        {items.map((wo) => (
          <li key={wo.id}>
            <a className="agenda-card agenda-card-overdue" href={hrefFor({ name: 'workOrders', id: wo.id })}>
              <span className="agenda-card-head">
                <span className="agenda-time mono">{formatDateTime(wo.scheduledDate)}</span>
                <WorkOrderStatusBadge status={wo.status} />
              </span>
              <span className="agenda-title">{wo.customer?.name ?? wo.ticketTitle}</span>
              <span className="agenda-meta overdue-late">
                <OverdueWhy wo={wo} />
                {showTechnician && wo.technician ? ` · ${wo.technician.fullName}` : ''}
              </span>
              <span className="agenda-code mono muted">{wo.code}</span>
            </a>
          </li>
        ))}
      </ul>
      {total > items.length && <p className="muted">{t('overdue.more', { count: total - items.length })}</p>}
    </section>
  );
}
