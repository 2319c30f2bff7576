// Every reading of the ticket, newest first, a page at a time (telemetry.readings): the chart summarises, this shows
// each reading as it was recorded, so nothing the ticket holds is out of reach.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TelemetryPagedReading } from '../../../../electron/contract/telemetrySeries';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/format';

export const READINGS_PAGE_SIZE = 100;

interface Props {
  ticketId: string;
  /** Metrics the chart shows, for the filter (keys like 'voltage'). */
  metrics: readonly string[];
  label: (metric: string) => string;
  /** Changes when new readings arrive: the table starts again from the newest. */
  version: number;
  from?: string | undefined;
}

export function ReadingsTable({ ticketId, metrics, label, version, from }: Props) {
  const { t } = useTranslation('telemetry');
  const [metric, setMetric] = useState('');
  const [rows, setRows] = useState<TelemetryPagedReading[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Answers to an older filter or ticket are dropped.
  const request = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null) => {
      const mine = ++request.current;
      setBusy(true);
      try {
        const page = await api.call('telemetry.readings', {
          ticketId,
          limit: READINGS_PAGE_SIZE,
          ...(metric ? { metric } : {}),
          ...(from ? { from } : {}),
          ...(after ? { cursor: after } : {}),
        });
        if (mine !== request.current) return;
        setRows((current) => (after ? [...current, ...page.readings] : page.readings));
        setTotal(page.total);
        setCursor(page.nextCursor);
        setError(null);
      } catch (failure) {
        if (mine === request.current) setError(failure);
      } finally {
        if (mine === request.current) setBusy(false);
      }
    },
    [ticketId, metric, from],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage, version]);

  return (
    <section className="telemetry-readings" aria-labelledby={`telemetry-readings-${ticketId}`}>
      <div className="telemetry-readings-header">
        <h4 id={`telemetry-readings-${ticketId}`}>{t('readings.title')}</h4>
        <label className="telemetry-inline-field">
          <span>{t('fields.metric')}</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            <option value="">{t('readings.allMetrics')}</option>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {label(m)}
              </option>
            ))}
          </select>
        </label>
        {total !== null && (
          <span className="muted" aria-live="polite">
            {t('readings.shown', { shown: formatNumber(rows.length), count: total, total: formatNumber(total) })}
          </span>
        )}
      </div>
      {error != null && (
        <div className="alert" role="alert">
          {errorMessage(t, error)}
        </div>
      )}
      {/* Scrolls on its own: focusable so the keyboard can scroll it too. */}
      <div className="telemetry-readings-scroll" tabIndex={0} role="region" aria-labelledby={`telemetry-readings-${ticketId}`}>
        <table className="table telemetry-readings-table">
          <thead>
            <tr>
              <th scope="col">{t('fields.measuredAt')}</th>
              <th scope="col">{t('fields.metric')}</th>
              <th scope="col" className="num">
                {t('fields.value')}
              </th>
              <th scope="col">{t('fields.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.eventId}/${r.index}`}>
                <td className="mono">{formatDateTime(r.measuredAt)}</td>
                <td>{label(r.metric)}</td>
                <td className="num mono">
                  {formatNumber(r.value)} {r.unit}
                </td>
                <td>{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button type="button" className="btn" disabled={busy} onClick={() => void fetchPage(cursor)}>
          {busy ? t('common:state.loading') : t('common:actions.loadMore')}
        </button>
      )}
    </section>
  );
}
