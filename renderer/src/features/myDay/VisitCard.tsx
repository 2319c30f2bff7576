// One visit of Mi día: when, who and where (address to the maps, phone to dial), the fault, and one button to start.
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyDayVisit } from '../../../../electron/contract/myDay';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { formatTime } from '../../lib/format';
import { hrefFor, navigate } from '../../lib/router';
import { AddressAndTown, PhoneLink } from '../customers/ContactLinks';
import { isToday, visitDayLabel } from './words';
import { BusyButton } from '../../components/BusyButton';

const openVisit = (visit: MyDayVisit) => navigate({ name: 'workOrders', id: visit.id });

/** A click on the card itself (not on a link or a button inside it) opens the OT, as Enter does. */
function isInsideControl(target: EventTarget, card: HTMLElement): boolean {
  return target instanceof Element && target !== card && target.closest('a, button') !== null;
}

/** Moves the focus to the card `step` places away (overdue and today's lists count as one); false at either end. */
function focusSiblingCard(card: HTMLElement, step: 1 | -1): boolean {
  const cards = Array.from(document.querySelectorAll<HTMLElement>('.myday-card'));
  const next = cards[cards.indexOf(card) + step];
  next?.focus();
  return next !== undefined;
}

export function VisitCard({ visit, starting, onStart }: { visit: MyDayVisit; starting: boolean; onStart: (visit: MyDayVisit) => void }) {
  const { t } = useTranslation('myDay');
  const customer = visit.customer;
  const customerName = customer?.name ?? t('noCustomer');
  const time = formatTime(visit.scheduledDate);
  const when = visit.overdue && visit.scheduledDate ? `${visitDayLabel(visit.scheduledDate)} ${time}` : time;
  const words = { time: when, customer: customerName, title: visit.ticket.title, type: t(`common:workOrderType.${visit.otType}`), status: t(`common:workOrderStatus.${visit.status}`) };
  const running = visit.status === 'in_progress';
  const fault = visit.ticket.description.trim();

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) openVisit(visit);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      // From the card or any link/button in it: the next (previous) visit, past its own links.
      if (focusSiblingCard(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1)) e.preventDefault();
    }
  };
  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (!isInsideControl(e.target, e.currentTarget) && !window.getSelection()?.toString()) openVisit(visit);
  };

  return (
    <li>
      <article
        className={`myday-card myday-card-${visit.status}${visit.overdue ? ' myday-card-overdue' : ''}`}
        tabIndex={0}
        aria-label={t(visit.overdue ? 'overdueCardLabel' : 'cardLabel', words)}
        data-visit={visit.id}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        <div className="myday-when">
          {visit.overdue && visit.scheduledDate && <span className="myday-day">{visitDayLabel(visit.scheduledDate)}</span>}
          <span className="myday-time mono">{time}</span>
          {visit.estimatedMinutes !== null && <span className="muted myday-small">{t('estimated', { minutes: visit.estimatedMinutes })}</span>}
        </div>
        <div className="myday-main">
          <div className="myday-head">
            <h3 className="myday-customer">{customerName}</h3>
            <span className="myday-type">{t(`common:workOrderType.${visit.otType}`)}</span>
            <WorkOrderStatusBadge status={visit.status} />
          </div>
          <p className="myday-fault">
            <span className="sr-only">{t('fault')}: </span>
            <strong>{visit.ticket.title}</strong>
            {fault && fault !== visit.ticket.title ? <span className="myday-description">{fault}</span> : null}
          </p>
          {customer && (
            <div className="myday-contact">
              <span className="myday-address">
                <AddressAndTown address={customer.address} town={customer.town} />
              </span>
              <PhoneLink phone={customer.phone} />
              {customer.contactName && (
                <span>
                  <span className="muted">{t('contact')}:</span> {customer.contactName}
                </span>
              )}
            </div>
          )}
          <div className="myday-codes muted">
            <a className="mono" href={hrefFor({ name: 'workOrders', id: visit.id })}>
              {visit.code}
            </a>
            <span className="mono">{visit.ticket.code}</span>
            {running && visit.startedAt && (
              <span>
                {isToday(visit.startedAt)
                  ? t('runningSince', { time: formatTime(visit.startedAt) })
                  : t('runningSinceDay', { day: visitDayLabel(visit.startedAt), time: formatTime(visit.startedAt) })}
              </span>
            )}
          </div>
        </div>
        <div className="myday-action">
          {/* One button whatever the state, so the focus stays on it when Empezar turns into Continuar. */}
          <BusyButton
            className={`btn ${running ? '' : 'btn-primary'} myday-button`}
            aria-label={t(running ? 'continueLabel' : 'startLabel', { code: visit.code, customer: customerName })}
            busy={starting}
            onClick={() => (running ? openVisit(visit) : onStart(visit))}
          >
            {running ? t('continue') : starting ? t('starting') : t('start')}
          </BusyButton>
        </div>
      </article>
    </li>
  );
}
