// Agenda: a technician's OTs by day or week, their overdue visits first; dispatchers can look at anyone's.
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { WindowModeSwitch, WindowStepper } from '../../components/WindowNav';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDto } from '../../../../electron/contract';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { formatTime } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { workOrderError } from './actions';
import { useAgenda } from './agendaStore';
import { OverdueAgendaSection, useOverdueRefresh } from './OverdueList';
import { dayLabel } from './agendaWords';
import { dayOf, todayIn, windowOf } from './dates';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import { useCompanyZone } from '../../lib/timeZone';
import { useWorkOrders } from './store';
import { technicianFilterChoices } from './TechnicianPicker';
import { useAgendaKeyboard } from './useAgendaKeyboard';
import './workOrders.css';

function AgendaCard({ wo, showTechnician, late }: { wo: WorkOrderDto; showTechnician: boolean; late: boolean }) {
  const { t } = useTranslation('workOrders');
  return (
    <li>
      <a className={`agenda-card agenda-card-${wo.status}${late ? ' agenda-card-overdue' : ''}`} href={hrefFor({ name: 'workOrders', id: wo.id })}>
        <span className="agenda-card-head">
          <span className="agenda-time mono">{formatTime(wo.scheduledDate)}</span>
          <WorkOrderStatusBadge status={wo.status} />
        </span>
        {late && <span className="overdue-tag">{t('overdue.tag')}</span>}
        <span className="agenda-title">{wo.customer?.name ?? wo.ticketTitle}</span>
        <span className="agenda-meta muted">
          {t(`common:workOrderType.${wo.otType}`)}
          {showTechnician && wo.technician ? ` · ${wo.technician.fullName}` : ''}
        </span>
        <span className="agenda-code mono muted">{wo.code}</span>
      </a>
    </li>
  );
}

export default function AgendaScreen() {
  const { t } = useTranslation();
  const canRead = useCan('workorders:read');
  if (!canRead) return <div className="empty">{t('errors.code.FORBIDDEN')}</div>;
  return <Agenda />;
}

function Agenda() {
  const { t } = useTranslation('workOrders');
  const { mode, anchor, technicianId, items, overdue, overdueTotal, loading, error, setMode, shift, today, setTechnician, load } = useAgenda();
  const canDispatch = useCan('workorders:write');
  // An Agente plans visits and makes none: "Mi agenda" would always be empty for them.
  const hasOwnAgenda = useCan('workorders:execute');
  const technicians = useWorkOrders((s) => s.filterTechnicians);

  useEffect(() => {
    // Technicians always see their own agenda; dispatchers start with everyone's.
    if (canDispatch) void useWorkOrders.getState().loadTechnicians().catch(() => undefined);
    if (!canDispatch && technicianId !== 'me') setTechnician('me');
    else void load();
  }, [canDispatch]);
  useDomainEvents((e) => e.entity === 'workOrder', () => void load());
  useOverdueRefresh(() => void useAgenda.getState().loadOverdue());
  useAgendaKeyboard();

  // Days of the company calendar, whatever zone this computer is in.
  const zone = useCompanyZone();
  const todayDate = todayIn(zone);
  const { days } = windowOf(mode, anchor ?? todayDate);
  const byDay = (day: LocalDate) =>
    items
      .filter((wo) => wo.scheduledDate && dayOf(zone, wo.scheduledDate) === day)
      .sort((a, b) => (a.scheduledDate ?? '').localeCompare(b.scheduledDate ?? ''));
  const lateIds = new Set(overdue.map((wo) => wo.id));
  const first = days[0] ?? todayDate;
  const range = days.length > 1 ? `${dayLabel(first, { dateStyle: 'medium' })} – ${dayLabel(days[days.length - 1] ?? first, { dateStyle: 'medium' })}` : dayLabel(first);

  return (
    <div className="page">
      <header className="page-header agenda-header">
        <h1>{t('agenda.title')}</h1>
        <WindowStepper
          mode={mode}
          range={range}
          rangeClassName="agenda-range"
          shift={shift}
          today={today}
          words={{ previous: (m) => t(`agenda.previous.${m}`), next: (m) => t(`agenda.next.${m}`), today: t('agenda.today') }}
        />
        <span className="spacer" />
        {canDispatch && (
          <label className="inline-filter">
            <span>{t('agenda.technician')}</span>
            <ChoiceSelect
              value={technicianId}
              onChange={(e) => setTechnician(e.target.value)}
              emptyLabel={t('agenda.everyone')}
              choices={[...(hasOwnAgenda ? [{ value: 'me', label: t('agenda.mine') }] : []), ...technicianFilterChoices(t, technicians)]}
            />
          </label>
        )}
        <WindowModeSwitch mode={mode} setMode={setMode} label={t('agenda.view')} modeLabel={(m) => t(`agenda.mode.${m}`)} />
      </header>
      <div className="page-body">
        <p className="muted agenda-keys">{t('agenda.keys')}</p>
        <OverdueAgendaSection items={overdue} total={overdueTotal} showTechnician={technicianId !== 'me'} />
        {error ? (
          <div className="empty" role="alert">
            {workOrderError(t, error)}
          </div>
        ) : (
          <div className={`agenda agenda-mode-${mode}`} aria-busy={loading}>
            {days.map((day) => {
              const dayItems = byDay(day);
              return (
                <section key={day} className={`agenda-day${day === todayDate ? ' agenda-today' : ''}`} aria-label={dayLabel(day)}>
                  <h2 className="agenda-day-title">{dayLabel(day)}</h2>
                  {dayItems.length === 0 ? (
                    <p className="muted agenda-empty">{loading ? t('common:state.loading') : t('agenda.free')}</p>
                  ) : (
                    <ul className="agenda-list">
                      {dayItems.map((wo) => (
                        <AgendaCard key={wo.id} wo={wo} showTechnician={technicianId !== 'me'} late={lateIds.has(wo.id)} />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
