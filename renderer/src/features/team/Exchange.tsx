// Intercambio por archivo: export the changes (everything this copy holds, for any member; what one member lacks; or a
// snapshot) and import a bundle, each as a job with a progress bar, a Cancel button and one plain result line.
import { Download, FolderInput, X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { useDomainEvents } from '../../lib/live';
import { isActive, useExchange, type ExchangeJob, type ExportTarget } from './exchangeStore';
import { ResultLine } from './ResultLine';
import type { TeamMember } from './statusStore';

// No 'full' scope: for the screen it was the same export as "cualquier miembro" (every op this copy holds, for no one
// in particular), under a second name that made the office wonder which one to pick.
type Scope = 'missing' | 'snapshot';

/**
 * The job's heading (which job, and where it stands: "Importación: No se pudo completar") over its bar. Running, it sits
 * outside the live regions (a bar is not read out at every percent); finished, it is rendered inside the one its result
 * lands in (Exchange), so the result is read out with the job it belongs to.
 */
function JobProgress({ job }: { job: ExchangeJob }) {
  const { t } = useTranslation('team');
  const cancel = useExchange((s) => s.cancel);
  const id = `team-${job.kind}-progress`;
  const percent = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  const running = isActive(job);
  return (
    <div className="team-job">
      <label htmlFor={id}>
        <span>{t(`exchange.job.${job.kind}`)}</span> <span>{t(`exchange.status.${job.status}`)}</span>
      </label>
      <progress id={id} max={Math.max(job.total, 1)} value={job.status === 'done' ? Math.max(job.total, 1) : Math.min(job.done, job.total)} />
      <span className="muted">{running && job.total > 0 ? t('exchange.percent', { percent }) : ''}</span>
      {running ? (
        <button type="button" className="btn btn-danger" onClick={() => void cancel()} disabled={!job.jobId}>
          <X size={14} aria-hidden="true" />
          {t('exchange.cancel')}
        </button>
      ) : (
        <span />
      )}
    </div>
  );
}

/**
 * Keeps the job and its outcome on screen: the card sits at the foot of a long page, where a result (a refusal and
 * its reason) appeared below the window's edge. Each step of the job (started, finished, the held file handed over)
 * and each refusal brings the block into view, as little as it takes; opening the screen on an old result does not.
 */
function useFollowOutcome(block: RefObject<HTMLDivElement | null>, job: ExchangeJob | null, error: unknown): void {
  const step = job ? `${job.jobId ?? ''}:${job.status}:${job.held}` : '';
  const seen = useRef({ step, error });
  useEffect(() => {
    const before = seen.current;
    seen.current = { step, error };
    if (before.step === step && before.error === error) return;
    if (step || error !== null) block.current?.scrollIntoView({ block: 'nearest' });
  }, [block, step, error]);
}

export function Exchange({ members }: { members: TeamMember[] }) {
  const { t } = useTranslation('team');
  const { job, error, startExport, startImport, refresh } = useExchange();
  const others = members.filter((m) => !m.isSelf && !m.revokedAt);
  const [scope, setScope] = useState<Scope>('missing');
  // "Cualquier miembro" until one is picked: it carries everything this copy holds, so it cannot miss what the member
  // the file goes to lacks. The screen does not know who that is (a preselected laptop synced over the LAN lacks
  // nothing, and its file was empty), nor how much each member lacks.
  const [to, setTo] = useState<string>('');
  const picker = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const running = isActive(job);
  const failed = job?.status === 'failed';
  // A finished job: its heading and its result, together in the live region that reads them out.
  const finished =
    job && !running ? (
      <>
        <JobProgress job={job} />
        <ResultLine job={job} />
      </>
    ) : null;
  useFollowOutcome(outcome, job, error);

  // A member may be revoked while the screen is open: keep the choice valid.
  useEffect(() => {
    if (to && !others.some((m) => m.deviceId === to)) setTo('');
  }, [others, to]);
  // The job may have moved on while this screen was closed.
  useEffect(() => {
    const current = useExchange.getState().job;
    if (current?.jobId && (current.status === 'running' || current.status === 'queued')) void refresh(current.jobId);
  }, [refresh]);
  useDomainEvents(
    (e) => e.entity === 'job' && e.id === useExchange.getState().job?.jobId,
    (e) => void refresh(e.id, e.progress),
  );

  function submitExport(event: FormEvent) {
    event.preventDefault();
    const target: ExportTarget = scope === 'snapshot' ? { snapshot: true } : to ? { to } : {};
    void startExport(target);
  }

  return (
    <section className="card team-exchange" aria-labelledby="team-exchange-title">
      <h3 id="team-exchange-title">{t('exchange.title')}</h3>
      <p className="muted">{t('exchange.intro')}</p>
      <div className="team-exchange-grid">
        <form onSubmit={submitExport} noValidate aria-labelledby="team-export-title">
          <h4 id="team-export-title">{t('exchange.export.title')}</h4>
          <fieldset className="team-scope">
            <legend className="sr-only">{t('exchange.export.scope')}</legend>
            <label>
              <input type="radio" name="team-export-scope" checked={scope === 'missing'} onChange={() => setScope('missing')} aria-describedby="team-export-hint" />
              <span>
                {t('exchange.export.missing')}
                <select
                  aria-label={t('exchange.export.forMember')}
                  aria-describedby="team-export-hint"
                  value={to}
                  onChange={(e) => {
                    setTo(e.target.value);
                    setScope('missing');
                  }}
                >
                  <option value="">{t('exchange.export.anyMember')}</option>
                  {others.map((m) => (
                    <option key={m.deviceId} value={m.deviceId}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </span>
            </label>
            <small id="team-export-hint" className="field-hint team-scope-hint">
              {to ? t('exchange.export.memberHint', { member: others.find((m) => m.deviceId === to)?.name ?? '' }) : t('exchange.export.anyMemberHint')}
            </small>
            <label>
              <input type="radio" name="team-export-scope" checked={scope === 'snapshot'} onChange={() => setScope('snapshot')} />
              <span>{t('exchange.export.snapshot')}</span>
            </label>
          </fieldset>
          <button type="submit" className="btn btn-primary" disabled={running}>
            <Download size={14} aria-hidden="true" />
            {t('exchange.export.submit')}
          </button>
        </form>
        <div aria-labelledby="team-import-title" role="group">
          <h4 id="team-import-title">{t('exchange.import.title')}</h4>
          <p className="muted">{t('exchange.import.intro')}</p>
          <input
            ref={picker}
            type="file"
            accept=".emsync"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void startImport(file);
            }}
          />
          <button type="button" className="btn" disabled={running} onClick={() => picker.current?.click()}>
            <FolderInput size={14} aria-hidden="true" />
            {t('exchange.import.submit')}
          </button>
        </div>
      </div>
      <div className="team-outcome" ref={outcome}>
        {job && running && <JobProgress job={job} />}
        {/* Live regions on the page before any result lands in them, so a screen reader reads it out: what an
            exchange did (or that there was nothing to export), and apart, assertively, why it failed; each with the
            finished job's heading first, so it names the job ("Exportación: Listo. Exportados 12 cambios…"). */}
        <div role="status">{!failed && finished}</div>
        <div role="alert">
          {failed && finished}
          {error !== null && <p className="alert">{errorMessage(t, error)}</p>}
        </div>
      </div>
    </section>
  );
}
