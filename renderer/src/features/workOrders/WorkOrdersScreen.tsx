// Órdenes de trabajo: the dispatch queue (pending planning, most urgent first), Atrasadas (missed or running long)
// and every OT with its filters; or one OT.
import { CalendarClock } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type OverdueWorkOrderDto, type WorkOrderDto, type WorkOrderStatus, type WorkOrderType } from '../../../../electron/contract';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { DateInput } from '../../components/DateInput';
import { focusWasLost } from '../../lib/focus';
import { useDomainEvents } from '../../lib/live';
import { leaveSearchOnEscape } from '../../lib/searchKeys';
import { useCan } from '../../stores/session';
import { workOrderError } from './actions';
import { OverdueTable, useOverdueRefresh } from './OverdueList';
import { useWorkOrders, type ListView } from './store';
import { WorkOrderDetailView } from './WorkOrderDetail';
import { technicianFilterChoices } from './TechnicianPicker';
import { ScheduleModal } from './WorkOrderModals';
import { WorkOrderTable } from './WorkOrderTable';
import './workOrders.css';

/** The "Todas" filters: text, technician, type, status and a period of scheduled days. Kept in the store. */
function ListFiltersBar() {
  const { t } = useTranslation('workOrders');
  const { statusFilter, query, filters, filterTechnicians, setStatusFilter, setQuery, setFilters, clearFilters } = useWorkOrders();
  const active = query.trim() !== '' || statusFilter.length > 0 || Object.values(filters).some((v) => v !== '');
  return (
    <div className="ot-filters" role="search" aria-label={t('filters.label')}>
      <input
        type="search"
        className="ot-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => leaveSearchOnEscape(e, () => setQuery(''))}
        placeholder={t('list.searchPlaceholder')}
        aria-label={t('list.search')}
      />
      <label className="inline-filter">
        <span>{t('filters.technician')}</span>
        <ChoiceSelect
          value={filters.technicianId}
          onChange={(e) => setFilters({ technicianId: e.target.value })}
          emptyLabel={t('filters.anyTechnician')}
          choices={[{ value: 'me', label: t('filters.mine') }, { value: 'unassigned', label: t('common:state.unassigned') }, ...technicianFilterChoices(t, filterTechnicians)]}
        />
      </label>
      <label className="inline-filter">
        <span>{t('filters.type')}</span>
        <ChoiceSelect
          value={filters.otType}
          onChange={(e) => setFilters({ otType: e.target.value as WorkOrderType | '' })}
          emptyLabel={t('filters.anyType')}
          choices={WORK_ORDER_TYPES.map((type) => ({ value: type, label: t(`common:workOrderType.${type}`) }))}
        />
      </label>
      <label className="inline-filter">
        <span>{t('list.status')}</span>
        <ChoiceSelect
          value={statusFilter[0] ?? ''}
          onChange={(e) => setStatusFilter(e.target.value ? [e.target.value as WorkOrderStatus] : [])}
          emptyLabel={t('list.anyStatus')}
          choices={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`common:workOrderStatus.${s}`) }))}
        />
      </label>
      <span className="inline-filter">
        <span aria-hidden="true">{t('filters.scheduledFrom')}</span>
        <DateInput value={filters.from} onChange={(from) => setFilters({ from })} aria-label={t('filters.scheduledFromLong')} />
      </span>
      <span className="inline-filter">
        <span aria-hidden="true">{t('filters.scheduledTo')}</span>
        <DateInput value={filters.to} onChange={(to) => setFilters({ to })} aria-label={t('filters.scheduledToLong')} />
      </span>
      {active && (
        <button type="button" className="btn" onClick={clearFilters}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

function WorkOrderList() {
  const { t } = useTranslation('workOrders');
  const { view, items, nextCursor, listLoading, listError, overdueTotal, setView, loadList } = useWorkOrders();
  const canWrite = useCan('workorders:write');
  const [scheduling, setScheduling] = useState<WorkOrderDto | null>(null);
  // A visit planned from its row leaves the list with the row, and the focus with it: it goes to the next visit's
  // button (or the tab), not to <body>, once the list has reloaded.
  const planned = useRef(false);
  useEffect(() => {
    if (!planned.current) return;
    planned.current = false;
    if (focusWasLost()) document.querySelector<HTMLElement>('.page-body td button, .tabs [role="tab"][aria-selected="true"]')?.focus();
  }, [items]);

  useEffect(() => {
    void loadList();
    void useWorkOrders.getState().loadTechnicians().catch(() => undefined);
  }, [loadList]);
  useDomainEvents((e) => e.entity === 'workOrder', () => void loadList());
  // The badge (and the Atrasadas list when shown) follow the clock too: a visit is late once its hour has passed.
  useOverdueRefresh(() => (view === 'overdue' ? void loadList() : void useWorkOrders.getState().loadOverdueTotal()));

  const views: ListView[] = ['queue', 'overdue', 'all'];
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('list.title')}</h1>
      </header>
      <div className="tabs" role="tablist" aria-label={t('list.views')}>
        {views.map((v) => (
          <button key={v} type="button" role="tab" className="tab" aria-selected={view === v} onClick={() => setView(v)}>
            {t(`list.view.${v}`)}
            {v === 'overdue' && overdueTotal !== null && (
              <span className={`count${overdueTotal > 0 ? ' count-alert' : ''}`} aria-label={t('overdue.count', { count: overdueTotal })}>
                {overdueTotal}
              </span>
            )}
          </button>
        ))}
      </div>
      {view === 'all' && <ListFiltersBar />}
      <div className="page-body flush" role="tabpanel" aria-label={t(`list.view.${view}`)}>
        {listError ? (
          <div className="empty" role="alert">
            {workOrderError(t, listError)}
          </div>
        ) : items.length === 0 ? (
          <div className="empty">{listLoading ? t('common:state.loading') : t(`list.empty.${view}`)}</div>
        ) : view === 'overdue' ? (
          <OverdueTable
            items={items.filter((wo): wo is OverdueWorkOrderDto => wo.overdue !== undefined)}
            caption={t('list.view.overdue')}
            // A missed visit is moved from the list; one running long is the technician's to finish.
            {...(canWrite
              ? {
                  action: (wo: OverdueWorkOrderDto) =>
                    // An icon: Atrasadas keeps every column whole at 1024 px.
                    wo.status === 'scheduled' ? (
                      <button
                        type="button"
                        className="btn btn-icon"
                        onClick={() => setScheduling(wo)}
                        aria-label={t('list.rescheduleOne', { code: wo.code })}
                        title={t('list.rescheduleOne', { code: wo.code })}
                      >
                        <CalendarClock size={16} aria-hidden="true" />
                      </button>
                    ) : null,
                }
              : {})}
          />
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
      {scheduling && (
        <ScheduleModal
          workOrder={scheduling}
          open
          onClose={() => {
            planned.current = true;
            setScheduling(null);
          }}
        />
      )}
    </div>
  );
}

export default function WorkOrdersScreen({ workOrderId }: { workOrderId?: string | undefined }) {
  const { t } = useTranslation();
  const canRead = useCan('workorders:read');
  if (!canRead) return <div className="empty">{t('errors.code.FORBIDDEN')}</div>;
  return workOrderId ? <WorkOrderDetailView id={workOrderId} /> : <WorkOrderList />;
}
