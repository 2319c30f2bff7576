// Órdenes de trabajo: the dispatch queue (pending planning) and the list of all OTs by status; or one OT.
import { CalendarClock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_STATUSES, type WorkOrderDto, type WorkOrderStatus } from '../../../../electron/contract';
import { useDomainEvents } from '../../lib/live';
import { leaveSearchOnEscape } from '../../lib/searchKeys';
import { useCan } from '../../stores/session';
import { workOrderError } from './actions';
import { useWorkOrders, type ListView } from './store';
import { WorkOrderDetailView } from './WorkOrderDetail';
import { ScheduleModal } from './WorkOrderModals';
import { WorkOrderTable } from './WorkOrderTable';
import './workOrders.css';

function WorkOrderList() {
  const { t } = useTranslation('workOrders');
  const { view, statusFilter, query, items, nextCursor, listLoading, listError, setView, setStatusFilter, setQuery, loadList } = useWorkOrders();
  const canWrite = useCan('workorders:write');
  const [scheduling, setScheduling] = useState<WorkOrderDto | null>(null);

  useEffect(() => void loadList(), [loadList]);
  useDomainEvents((e) => e.entity === 'workOrder', () => void loadList());

  const views: ListView[] = ['queue', 'all'];
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('list.title')}</h1>
        <span className="spacer" />
        {view === 'all' && (
          <input
            type="search"
            className="ot-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => leaveSearchOnEscape(e, () => setQuery(''))}
            placeholder={t('list.searchPlaceholder')}
            aria-label={t('list.search')}
          />
        )}
        {view === 'all' && (
          <label className="inline-filter">
            <span>{t('list.status')}</span>
            <select
              value={statusFilter[0] ?? ''}
              onChange={(e) => setStatusFilter(e.target.value ? [e.target.value as WorkOrderStatus] : [])}
            >
              <option value="">{t('list.anyStatus')}</option>
              {WORK_ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`common:workOrderStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <div className="tabs" role="tablist" aria-label={t('list.views')}>
        {views.map((v) => (
          <button key={v} type="button" role="tab" className="tab" aria-selected={view === v} onClick={() => setView(v)}>
            {t(`list.view.${v}`)}
          </button>
        ))}
      </div>
      <div className="page-body flush" role="tabpanel" aria-label={t(`list.view.${view}`)}>
        {listError ? (
          <div className="empty" role="alert">
            {workOrderError(t, listError)}
          </div>
        ) : items.length === 0 ? (
          <div className="empty">{listLoading ? t('common:state.loading') : t(`list.empty.${view}`)}</div>
        ) : (
          <WorkOrderTable
            items={items}
            caption={t(`list.view.${view}`)}
            queue={view === 'queue'}
            {...(view === 'queue' && canWrite
              ? {
                  action: (wo: WorkOrderDto) => (
                    <button type="button" className="btn" onClick={() => setScheduling(wo)} aria-label={t('list.scheduleOne', { code: wo.code })}>
                      <CalendarClock size={14} aria-hidden="true" />
                      {t('actions.schedule')}
                    </button>
                  ),
                }
              : {})}
          />
        )}
        {nextCursor && (
          <div className="load-more">
            <button type="button" className="btn" onClick={() => void loadList(true)} disabled={listLoading}>
              {t('common:actions.loadMore')}
            </button>
          </div>
        )}
      </div>
      {scheduling && <ScheduleModal workOrder={scheduling} open onClose={() => setScheduling(null)} />}
    </div>
  );
}

export default function WorkOrdersScreen({ workOrderId }: { workOrderId?: string | undefined }) {
  const { t } = useTranslation();
  const canRead = useCan('workorders:read');
  if (!canRead) return <div className="empty">{t('errors.code.FORBIDDEN')}</div>;
  return workOrderId ? <WorkOrderDetailView id={workOrderId} /> : <WorkOrderList />;
}
