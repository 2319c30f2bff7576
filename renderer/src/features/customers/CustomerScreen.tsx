// The customer page (#/customers/:id): contact details and the history — tickets, OTs, serials — newest first.
import { ArrowLeft, Pencil } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDto } from '../../../../electron/contract';
import { CUSTOMER_HISTORY_DEFAULT_LIMIT, CUSTOMER_HISTORY_MAX_LIMIT, type CustomerHistoryDto } from '../../../../electron/contract/customers';
import { api, ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { navigate } from '../../lib/router';
import { useCan } from '../../stores/session';
import { CatalogForm, type CatalogRow } from '../admin/CatalogSection';
import { AddressLink, EmailLink, PhoneLink } from './ContactLinks';
import { SerialsTable, TicketsTable, WorkOrdersTable } from './HistoryTables';
import './customers.css';

export type SectionName = 'tickets' | 'workOrders' | 'serials';
const SECTIONS: readonly SectionName[] = ['tickets', 'workOrders', 'serials'];
type Limits = Record<SectionName, number>;
const FIRST_LIMITS: Limits = { tickets: CUSTOMER_HISTORY_DEFAULT_LIMIT, workOrders: CUSTOMER_HISTORY_DEFAULT_LIMIT, serials: CUSTOMER_HISTORY_DEFAULT_LIMIT };

/** The customer's history at the asked limits, read again when the customer, its tickets or OTs change. */
function useHistory(id: string, limits: Limits) {
  const [history, setHistory] = useState<CustomerHistoryDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const load = useCallback(() => {
    const call = ++asked.current;
    api.call('customers.history', { id, limits }).then(
      (value) => {
        if (call !== asked.current) return;
        setHistory(value);
        setError(null);
      },
      (failure: unknown) => call === asked.current && setError(failure),
    );
  }, [id, limits]);
  useEffect(load, [load]);
  useDomainEvents((e) => (e.entity === 'customer' && e.id === id) || e.entity === 'ticket' || e.entity === 'workOrder', load);
  return { history: history?.customer.id === id ? history : null, error };
}

function ContactCard({ customer }: { customer: CustomerDto }) {
  const { t } = useTranslation('customers');
  const none = <span className="muted">—</span>;
  return (
    <section className="card customer-contact" aria-labelledby="customer-contact-title">
      <h2 id="customer-contact-title" className="sr-only">
        {t('contactCard')}
      </h2>
      <dl className="customer-facts">
        <dt>{t('field.contactName')}</dt>
        <dd>{customer.contactName || none}</dd>
        <dt>{t('field.phone')}</dt>
        <dd>
          <PhoneLink phone={customer.phone} />
        </dd>
        <dt>{t('field.email')}</dt>
        <dd>
          <EmailLink email={customer.email} />
        </dd>
        <dt>{t('field.address')}</dt>
        <dd>
          <AddressLink address={customer.address} town={customer.town} />
        </dd>
        <dt>{t('field.town')}</dt>
        <dd>{customer.town || none}</dd>
        <dt>{t('field.since')}</dt>
        <dd>{formatDate(customer.createdAt)}</dd>
      </dl>
      <h3 className="customer-notes-title">{t('field.notes')}</h3>
      <p className="customer-notes">{customer.notes || <span className="muted">{t('noNotes')}</span>}</p>
    </section>
  );
}

/** Tabs as the ARIA pattern has them: arrows (and Home/End) move between tabs, Tab goes into the panel. */
function HistoryTabs({ history, tab, onTab }: { history: CustomerHistoryDto; tab: SectionName; onTab: (tab: SectionName) => void }) {
  const { t } = useTranslation('customers');
  const shown = SECTIONS.filter((s) => history[s] !== null);
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = shown.indexOf(tab);
    const next =
      event.key === 'ArrowRight' ? shown[(at + 1) % shown.length] : event.key === 'ArrowLeft' ? shown[(at - 1 + shown.length) % shown.length] : event.key === 'Home' ? shown[0] : event.key === 'End' ? shown[shown.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    onTab(next);
    document.getElementById(`customer-tab-${next}`)?.focus();
  }
  return (
    <div className="tabs customer-tabs" role="tablist" aria-label={t('historyLabel')} onKeyDown={onKeyDown}>
      {shown.map((name) => (
        <button
          key={name}
          id={`customer-tab-${name}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === name}
          aria-controls="customer-tab-panel"
          tabIndex={tab === name ? 0 : -1}
          onClick={() => onTab(name)}
        >
          {t(`tab.${name}`)}
          <span className="count">{history[name]?.total ?? 0}</span>
        </button>
      ))}
    </div>
  );
}

export default function CustomerScreen({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const canRead = useCan('tickets:read');
  const canEdit = useCan('catalog:write');
  const [editing, setEditing] = useState(false);
  const [limits, setLimits] = useState<Limits>(FIRST_LIMITS);
  const [tab, setTab] = useState<SectionName>('tickets');
  useEffect(() => {
    setLimits(FIRST_LIMITS);
    setTab('tickets');
  }, [customerId]);
  const { history, error } = useHistory(customerId, limits);

  if (!canRead) return <div className="empty">{t('common:errors.code.FORBIDDEN')}</div>;
  if (!history) {
    const missing = error instanceof ApiError && error.code === 'NOT_FOUND';
    return <div className="empty">{error ? (missing ? t('notFound') : errorMessage(t, error)) : t('common:state.loading')}</div>;
  }

  const { customer } = history;
  const section = history[tab];
  const showMore = () => setLimits((l) => ({ ...l, [tab]: Math.min(CUSTOMER_HISTORY_MAX_LIMIT, l[tab] * 4) }));
  return (
    <div className="page customer-page">
      <header className="page-header">
        <button type="button" className="btn btn-ghost btn-icon" onClick={() => (window.history.length > 1 ? window.history.back() : navigate({ name: 'tickets' }))} aria-label={t('back')} title={t('back')}>
          <ArrowLeft size={16} aria-hidden="true" />
        </button>
        <h1>{customer.name}</h1>
        {customer.town && <span className="muted">{customer.town}</span>}
        <span className="spacer" />
        {canEdit && (
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            <Pencil size={14} aria-hidden="true" />
            {t('edit')}
          </button>
        )}
      </header>
      {/* The same form as Administración → Clientes; the page reads the customer again on its 'updated' event. */}
      {editing && <CatalogForm kind="customers" row={customer as unknown as CatalogRow} onClose={() => setEditing(false)} />}
      <div className="page-body customer-body">
        <ContactCard customer={customer} />
        <section className="customer-history" aria-label={t('historyLabel')}>
          <HistoryTabs history={history} tab={tab} onTab={setTab} />
          <div id="customer-tab-panel" role="tabpanel" aria-labelledby={`customer-tab-${tab}`} className="customer-panel">
            {tab === 'tickets' && <TicketsTable rows={history.tickets.items} />}
            {tab === 'workOrders' && history.workOrders && <WorkOrdersTable rows={history.workOrders.items} />}
            {tab === 'serials' && history.serials && <SerialsTable rows={history.serials.items} />}
            {section && section.total > section.items.length && (
              <p className="customer-more">
                <span className="muted">{t('showing', { shown: section.items.length, total: section.total })}</span>
                {section.items.length < CUSTOMER_HISTORY_MAX_LIMIT && (
                  <button type="button" className="btn" onClick={showMore}>
                    {t('showMore')}
                  </button>
                )}
              </p>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
