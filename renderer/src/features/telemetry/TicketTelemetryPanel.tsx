// The ticket screen's telemetry section: one small live chart per metric, record by hand, import a file.
import { Activity, Plus, Upload } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { useDomainEvents } from '../../lib/live';
import { ImportDialog } from './ImportDialog';
import { MetricChart } from './MetricChart';
import { RecordReadingForm } from './RecordReadingForm';
import { groupByMetric, useTelemetry } from './store';
import './telemetry.css';

export function TicketTelemetryPanel({ ticketId, canRecord }: { ticketId: string; canRecord: boolean }) {
  const { t } = useTranslation('telemetry');
  const load = useTelemetry((s) => s.load);
  const entry = useTelemetry((s) => s.byTicket[ticketId]);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const series = useMemo(() => groupByMetric(entry?.readings ?? []), [entry?.readings]);

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
        {entry && entry.readings.length > 0 && <span className="muted">{t('count', { count: entry.readings.length })}</span>}
        <span className="spacer" />
        {canRecord && (
          <>
            <button type="button" className="btn" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
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
      {!entry || (entry.loading && entry.readings.length === 0) ? (
        <p className="muted">{t('common:state.loading')}</p>
      ) : series.length === 0 ? (
        <p className="telemetry-empty muted">{t('empty')}</p>
      ) : (
        <div className="telemetry-charts">
          {series.map((s) => (
            <MetricChart key={s.key} series={s} label={label(s.metric)} />
          ))}
        </div>
      )}
      {importing && <ImportDialog ticketId={ticketId} onClose={() => setImporting(false)} />}
    </section>
  );
}
