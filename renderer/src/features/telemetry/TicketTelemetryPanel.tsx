// The ticket screen's telemetry section: one small live chart per metric over the chosen period (summarised by the
// main process), every reading in a paged table on demand, record by hand, import a file.
import { Activity, Plus, Table2, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { focusWasLost } from '../../lib/focus';
import { formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { ImportDialog } from './ImportDialog';
import { MetricChart } from './MetricChart';
import { ReadingsTable } from './ReadingsTable';
import { RecordReadingForm } from './RecordReadingForm';
import { TELEMETRY_PERIODS, useTelemetry, type TelemetryPeriod } from './store';
import './telemetry.css';

const PERIODS = Object.keys(TELEMETRY_PERIODS) as TelemetryPeriod[];

export function TicketTelemetryPanel({ ticketId, canRecord }: { ticketId: string; canRecord: boolean }) {
  const { t } = useTranslation('telemetry');
  const load = useTelemetry((s) => s.load);
  const entry = useTelemetry((s) => s.byTicket[ticketId]);
  const [adding, setAdding] = useState(false);
  // The reading form gone (saved or cancelled) took the focus with it: back to the button that opened it. Only then:
  // the panel showing up with nothing focused (a ticket opened by its address) must not pull the focus down to it.
  const recordButton = useRef<HTMLButtonElement>(null);
  const wasAdding = useRef(false);
  useEffect(() => {
    if (wasAdding.current && !adding && focusWasLost()) recordButton.current?.focus();
    wasAdding.current = adding;
  }, [adding]);
  const [importing, setImporting] = useState(false);
  const [showReadings, setShowReadings] = useState(false);
  const series = entry?.series ?? [];
  const period = entry?.period ?? 'all';

  useEffect(() => {
    void load(ticketId);
  }, [load, ticketId]);
  // Every committed reading (hand, import, socket) emits the ticket's 'updated' event after commit.
  useDomainEvents(
    (event) => event.entity === 'ticket' && event.id === ticketId,
    () => void load(ticketId),
  );

  const label = (metric: string) => t(`metrics.${metric}`, { defaultValue: metric });

  return (
    <section className="ticket-section telemetry-panel" aria-labelledby={`telemetry-title-${ticketId}`}>
      <div className="telemetry-header">
        <h3 id={`telemetry-title-${ticketId}`}>
          <Activity size={14} aria-hidden="true" /> {t('title')}
        </h3>
        {entry && entry.total > 0 && <span className="muted telemetry-count">{t('count', { count: entry.total, total: formatNumber(entry.total) })}</span>}
        <span className="spacer" />
        <label className="telemetry-inline-field">
          <span>{t('period.label')}</span>
          <select value={period} onChange={(e) => void load(ticketId, e.target.value as TelemetryPeriod)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => setShowReadings((v) => !v)} aria-expanded={showReadings}>
          <Table2 size={14} aria-hidden="true" />
          {t('readings.open')}
        </button>
        {canRecord && (
          <>
            <button ref={recordButton} type="button" className="btn" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
              <Plus size={14} aria-hidden="true" />
              {t('record.open')}
            </button>
            <button type="button" className="btn" onClick={() => setImporting(true)}>
              <Upload size={14} aria-hidden="true" />
              {t('import.open')}
            </button>
          </>
        )}
      </div>
      {adding && <RecordReadingForm ticketId={ticketId} onDone={() => setAdding(false)} />}
      {entry?.error != null && (
        <div className="alert" role="alert">
          {errorMessage(t, entry.error)}
        </div>
      )}
      {!entry || (entry.loading && series.length === 0) ? (
        <p className="muted">{t('common:state.loading')}</p>
      ) : series.length === 0 ? (
        <p className="telemetry-empty muted">{t(period === 'all' ? 'empty' : 'emptyPeriod')}</p>
      ) : (
        <div className="telemetry-charts">
          {series.map((s) => (
            <MetricChart key={`${s.metric}\u0000${s.unit}`} series={s} label={label(s.metric)} />
          ))}
        </div>
      )}
      {showReadings && (
        <ReadingsTable ticketId={ticketId} metrics={[...new Set(series.map((s) => s.metric))]} label={label} version={entry?.total ?? 0} from={entry?.from} />
      )}
      {importing && <ImportDialog ticketId={ticketId} onClose={() => setImporting(false)} />}
    </section>
  );
}
