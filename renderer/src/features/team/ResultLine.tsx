// One plain line saying what a finished exchange did, or why it was refused, in the user's language.
import type { TFunction } from 'i18next';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncExportSummaryDto, SyncImportSummaryDto } from '../../../../electron/contract/sync';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { CONFLICT_INBOX_ACCESS } from '../../../../electron/contract/access';
import { useExchange, type ExchangeJob } from './exchangeStore';

const n = (value: number) => ({ count: value, n: formatNumber(value) });

function exportText(t: TFunction, summary: SyncExportSummaryDto): string {
  if (summary.kind === 'snapshot') return t('exchange.exportedSnapshot', { rows: formatNumber(summary.rows), file: summary.fileName });
  return t('exchange.exported', { ...n(summary.ops), file: summary.fileName });
}

/** "Aplicados 120 cambios · 3 ya estaban · 2 apartados (autor sin permiso) · 1 conflicto nuevo". */
function importParts(t: TFunction, summary: SyncImportSummaryDto, newConflicts: number): string[] {
  if (summary.applied + summary.gaps + summary.setAside.length === 0) {
    return [summary.duplicates > 0 ? t('exchange.alreadyHad', n(summary.duplicates)) : t('exchange.nothingNew')];
  }
  const parts = [summary.kind === 'snapshot' ? t('exchange.loadedSnapshot', n(summary.applied)) : t('exchange.applied', n(summary.applied))];
  if (summary.duplicates > 0) parts.push(t('exchange.duplicates', n(summary.duplicates)));
  if (summary.setAside.length > 0) {
    const reasons = [...new Set(summary.setAside.map((op) => op.reason))].map((reason) => t(`exchange.setAsideReason.${reason}`, { defaultValue: reason }));
    parts.push(t('exchange.setAside', { ...n(summary.setAside.length), why: reasons.join(', ') }));
  }
  if (summary.gaps > 0) parts.push(t('exchange.gaps', n(summary.gaps)));
  if (newConflicts > 0) parts.push(t('exchange.newConflicts', n(newConflicts)));
  return parts;
}

/** An export that carries no change: said instead of handing over an empty file, which stays one click away. */
function NothingToExport({ forName }: { forName: string | null }) {
  const { t } = useTranslation('team');
  const saveHeld = useExchange((s) => s.saveHeld);
  return (
    <div className="team-result team-result-empty">
      <p>
        <strong>{forName ? t('exchange.emptyFor', { member: forName }) : t('exchange.empty')}</strong>
      </p>
      <p className="muted">{t('exchange.emptyUse')}</p>
      <button type="button" className="btn" onClick={() => void saveHeld()}>
        <Download size={14} aria-hidden="true" />
        {t('exchange.emptySave')}
      </button>
    </div>
  );
}

export function ResultLine({ job }: { job: ExchangeJob }) {
  const { t } = useTranslation('team');
  // The inbox is for whoever decides conflicts: a technician is not sent to a page that refuses them.
  const canResolve = useCan(CONFLICT_INBOX_ACCESS);
  if (job.status === 'failed') {
    const text = job.error ? errorMessage(t, new ApiError(job.error)) : t('common:errors.code.INTERNAL');
    // Said by the alert region around it (Exchange).
    return <p className="team-result alert">{text}</p>;
  }
  if (job.status === 'cancelled') return <p className="team-result muted">{t(job.kind === 'import' ? 'exchange.cancelledImport' : 'exchange.cancelledExport')}</p>;
  if (job.status !== 'done' || !job.summary) return null;
  if (job.kind === 'export' && job.held) return <NothingToExport forName={job.forName} />;
  if (job.kind === 'export') return <p className="team-result">{exportText(t, job.summary as SyncExportSummaryDto)}</p>;
  const summary = job.summary as SyncImportSummaryDto;
  const newConflicts = Math.max(0, summary.conflictsOpen - job.conflictsBefore);
  return (
    <p className="team-result">
      {importParts(t, summary, newConflicts).join(' · ')}.
      {summary.conflictsOpen > 0 && canResolve && (
        <>
          {' '}
          <a href={hrefFor({ name: 'conflicts' })}>{t('exchange.openInbox')}</a>
        </>
      )}
      {/* Someone who cannot open the inbox is told who settles what arrived, not left with a count. */}
      {newConflicts > 0 && !canResolve && ` ${t('exchange.conflictsForOthers', { count: newConflicts })}`}
    </p>
  );
}
