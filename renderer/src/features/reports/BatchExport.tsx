// Every OT report of a period as one zip: a progress bar fed by job events, cancellable.
import { Play } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_BATCH_DATE_FIELD } from '../../../../electron/contract/reports';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { companyZone } from '../../lib/timeZone';
import { periodToInstants, thisMonth } from './period';
import { DateFieldSelect, PeriodFields, uiLanguage, useOwnWorkOrdersOnly } from './fields';
import { useReports, type BatchDateField } from './store';

export function BatchExport({ icon, cancelIcon }: { icon: ReactNode; cancelIcon: ReactNode }) {
  const { t } = useTranslation('reports');
  const { job, error, startBatch, cancelBatch, refreshJob, downloadBatch } = useReports();
  const [period, setPeriod] = useState(() => thisMonth(companyZone()));
  const [dateField, setDateField] = useState<BatchDateField>(DEFAULT_BATCH_DATE_FIELD);
  const [periodError, setPeriodError] = useState<string | undefined>();
  const ownOnly = useOwnWorkOrdersOnly();
  // A queued export (waiting for this user's other one) can be cancelled like a running one.
  const running = job?.status === 'running' || job?.status === 'queued';

  useDomainEvents(
    (e) => e.entity === 'job' && e.id === useReports.getState().job?.jobId,
    (e) => void refreshJob(e.id, e.progress),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const range = periodToInstants(period, companyZone());
    setPeriodError(range ? undefined : t('period.invalid'));
    if (range) void startBatch({ ...range, dateField, language: uiLanguage() });
  }

  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <section className="card report-card report-batch" aria-label={t('batch.title')}>
      <h2>
        {icon}
        {t('batch.title')}
      </h2>
      <p className="muted">{t(ownOnly ? 'batch.introOwn' : 'batch.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="report-fields">
          <PeriodFields period={period} onChange={setPeriod} error={periodError} />
          <DateFieldSelect value={dateField} onChange={setDateField} />
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={running}>
            <Play size={14} aria-hidden="true" />
            {t('batch.start')}
          </button>
          {running && (
            <button type="button" className="btn btn-danger" onClick={() => void cancelBatch()}>
              {cancelIcon}
              {t('batch.cancel')}
            </button>
          )}
        </div>
      </form>
      {job && (
        <div className="batch-progress" aria-live="polite">
          <label htmlFor="batch-progress-bar">{t(`batch.status.${job.status}`)}</label>
          <progress id="batch-progress-bar" max={Math.max(job.total, 1)} value={job.status === 'done' ? Math.max(job.total, 1) : job.done} />
          <span className="muted">
            {job.status === 'queued' ? t('batch.queued', { position: formatNumber(job.queuePosition ?? 1) }) : job.total > 0 ? t('batch.count', { done: formatNumber(job.done), total: formatNumber(job.total), percent }) : job.status === 'running' ? t('batch.counting') : t('batch.none')}
          </span>
          {job.status === 'done' && (
            <button type="button" className="btn" onClick={() => void downloadBatch()}>
              {t('batch.downloadAgain')}
            </button>
          )}
          {job.status === 'failed' && job.error && <div className="alert" role="alert">{t(`common:errors.code.${job.error.code}`)}</div>}
        </div>
      )}
      {error !== null && (
        <div className="alert" role="alert">
          {/* The kept zip goes when a new export starts or after an hour: say what to do, not "not found". */}
          {error instanceof ApiError && error.code === 'NOT_FOUND' ? t('batch.gone') : errorMessage(t, error)}
        </div>
      )}
    </section>
  );
}
