// Trazabilidad: where a serial number went — OT, ticket, customer, technician and date.
import { ScanSearch } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERIAL_TRACE_LIMIT } from '../../../../electron/contract/workOrders';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { errorMessage } from '../../lib/errors';
import { DayAndTime } from '../../components/DayAndTime';
import { formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { leaveSearchOnEscape } from '../../lib/searchKeys';
import { hrefFor, navigate } from '../../lib/router';
import { useCan } from '../../stores/session';
import { useTrace } from './store';
import './trace.css';

export default function TraceScreen({ serial }: { serial?: string | undefined }) {
  const canRead = useCan('workorders:read');
  const { t } = useTranslation('trace');
  if (!canRead) return <div className="empty">{t('common:errors.code.FORBIDDEN')}</div>;
  return <TraceSearch serial={serial} />;
}

function TraceSearch({ serial }: { serial?: string | undefined }) {
  const { t } = useTranslation('trace');
  const { rows, searched, loading, error, search } = useTrace();
  const [query, setQuery] = useState(serial ?? '');

  useEffect(() => {
    setQuery(serial ?? '');
    void search(serial ?? '');
  }, [serial, search]);
  useDomainEvents((e) => e.entity === 'workOrder' && Boolean(serial), () => void search(serial ?? ''));

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = query.trim();
    navigate(value ? { name: 'trace', serial: value } : { name: 'trace' });
  }

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <div className="page-body">
        <form className="trace-search" role="search" onSubmit={submit}>
          <label htmlFor="trace-serial" className="sr-only">
            {t('serial')}
          </label>
          <input
            id="trace-serial"
            type="search"
            className="mono"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => leaveSearchOnEscape(e, () => setQuery(''))}
            placeholder={t('placeholder')}
            autoFocus
            autoComplete="off"
          />
          <button type="submit" className="btn btn-primary">
            <ScanSearch size={14} aria-hidden="true" />
            {t('search')}
          </button>
        </form>
        <p className="muted trace-hint">{t('hint')}</p>

        <div aria-live="polite">
          {error ? (
            <div className="alert" role="alert">
              {errorMessage(t, error)}
            </div>
          ) : loading && rows.length === 0 ? (
            <div className="empty">{t('common:state.loading')}</div>
          ) : searched && rows.length === 0 ? (
            <div className="empty">{t('noHits', { serial })}</div>
          ) : rows.length > 0 ? (
            <>
              <p className="trace-count">{t('hits', { count: rows.length, serial })}</p>
              {rows.length >= SERIAL_TRACE_LIMIT && <p className="muted">{t('limited', { count: SERIAL_TRACE_LIMIT })}</p>}
              <table className="table trace-table">
                <caption className="sr-only">{t('caption', { serial })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('col.serial')}</th>
                    <th scope="col">{t('col.direction')}</th>
                    <th scope="col">{t('col.product')}</th>
                    <th scope="col">{t('col.workOrder')}</th>
                    <th scope="col">{t('col.ticket')}</th>
                    <th scope="col">{t('col.customer')}</th>
                    <th scope="col">{t('col.technician')}</th>
                    <th scope="col">{t('col.date')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.itemId}>
                      <td className="mono">
                        {row.serialNumber}
                        {(row.quantity !== 1 || row.unit !== 'unit') && (
                          <span className="muted">
                            {' '}
                            × {formatNumber(row.quantity)}
                            {row.unit !== 'unit' ? ` ${row.unit}` : ''}
                          </span>
                        )}
                      </td>
                      {/* Which way the unit went: put in at the customer's site, or taken out of it. */}
                      <td>
                        <span className={`trace-direction is-${row.direction}`}>{t(`direction.${row.direction}`)}</span>
                      </td>
                      <td>
                        {row.product ? (
                          <>
                            {row.product.name} <span className="muted mono">{row.product.sku}</span>
                          </>
                        ) : (
                          (row.description ?? '—')
                        )}
                      </td>
                      <td>
                        <a className="mono" href={hrefFor({ name: 'workOrders', id: row.workOrder.id })}>
                          {row.workOrder.code}
                        </a>
                        {/* Type and status under the code: side by side they pushed the date out of a 1280 px window. */}
                        <div className="trace-ot">
                          <span className="muted">{t(`common:workOrderType.${row.workOrder.otType}`)}</span>
                          <WorkOrderStatusBadge status={row.workOrder.status} />
                        </div>
                      </td>
                      <td>
                        <a className="mono" href={hrefFor({ name: 'tickets', id: row.ticket.id })}>
                          {row.ticket.code}
                        </a>
                        <div className="muted trace-title">{row.ticket.title}</div>
                      </td>
                      <td>{row.customer ? <a href={hrefFor({ name: 'customer', id: row.customer.id })}>{row.customer.name}</a> : '—'}</td>
                      <td>{row.technician?.fullName ?? '—'}</td>
                      <td className="trace-when">
                        <DayAndTime iso={row.consumedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <div className="empty">{t('start')}</div>
          )}
        </div>
      </div>
    </div>
  );
}
