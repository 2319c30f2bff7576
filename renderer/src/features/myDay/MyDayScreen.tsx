// Mi día: the technician's landing screen. Visits left open from earlier days first (never hidden), then today's by
// time; each with the address and phone as links, the fault, and one button that starts the visit and opens its OT.
import { AlertTriangle, CalendarCheck } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyDayVisit } from '../../../../electron/contract/myDay';
import { useDomainEvents } from '../../lib/live';
import { navigate } from '../../lib/router';
import { useCan } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { workOrderError } from '../workOrders/actions';
import { useOverdueRefresh } from '../workOrders/OverdueList';
import { useMyDay } from './store';
import { VisitCard } from './VisitCard';
import { todayLabel } from './words';
import './myDay.css';

export default function MyDayScreen() {
  const { t } = useTranslation();
  const canExecute = useCan('workorders:execute');
  if (!canExecute) return <div className="empty">{t('errors.code.FORBIDDEN')}</div>;
  return <MyDay />;
}

/** OT, ticket and customer changes can all change a card; days roll over by the clock alone. */
const touchesMyDay = (entity: string) => entity === 'workOrder' || entity === 'ticket' || entity === 'customer' || entity === 'settings';

function MyDay() {
  const { t } = useTranslation('myDay');
  const { day, loading, error, starting, load, start } = useMyDay();
  useEffect(() => void load(), [load]);
  useDomainEvents((e) => touchesMyDay(e.entity), () => void load());
  useOverdueRefresh(() => void load());

  const onStart = async (visit: MyDayVisit) => {
    try {
      await start(visit.id, visit.version);
      toast.success(t('started', { code: visit.code }));
      // The technician is about to work on it: open the OT (parts, photos, checklist, completion).
      navigate({ name: 'workOrders', id: visit.id });
    } catch (err) {
      toast.error(workOrderError(t, err));
    }
  };

  const overdue = day?.items.filter((v) => v.overdue) ?? [];
  const today = day?.items.filter((v) => !v.overdue) ?? [];
  const card = (visit: MyDayVisit) => <VisitCard key={visit.id} visit={visit} starting={starting === visit.id} onStart={(v) => void onStart(v)} />;

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        {day && <span className="muted myday-date">{todayLabel(day.day)}</span>}
      </header>
      <div className="page-body myday" aria-busy={loading}>
        {error && !day ? (
          <div className="empty" role="alert">
            {workOrderError(t, error)}
          </div>
        ) : !day ? (
          <div className="empty">{t('common:state.loading')}</div>
        ) : day.items.length === 0 ? (
          <div className="empty myday-empty">
            <CalendarCheck size={28} aria-hidden="true" />
            <p>{day.doneToday > 0 ? t('allDone', { count: day.doneToday }) : t('empty')}</p>
            <p className="muted">{t('emptyHint')}</p>
          </div>
        ) : (
          <>
            <p className="muted myday-hint">{t('hint')}</p>
            {overdue.length > 0 && (
              <section className="myday-section myday-overdue" aria-labelledby="myday-overdue-title">
                <h2 id="myday-overdue-title" className="myday-section-title">
                  <AlertTriangle size={16} aria-hidden="true" /> {t('overdueTitle', { count: day.overdueTotal })}
                </h2>
                <ul className="myday-list">{overdue.map(card)}</ul>
                {day.overdueTotal > overdue.length && <p className="muted">{t('overdueMore', { count: day.overdueTotal - overdue.length })}</p>}
              </section>
            )}
            <section className="myday-section" aria-labelledby="myday-today-title">
              <h2 id="myday-today-title" className="myday-section-title">
                {t('todayTitle')}
              </h2>
              {today.length === 0 ? <p className="muted">{t('todayEmpty')}</p> : <ul className="myday-list">{today.map(card)}</ul>}
            </section>
          </>
        )}
      </div>
    </div>
  );
}
