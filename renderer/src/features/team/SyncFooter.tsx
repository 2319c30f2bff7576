// The sync line at the foot of the sidebar: when this copy last exchanged, what it has not sent, open conflicts.
import { ArrowLeftRight } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { useTeamStatus } from './statusStore';
import './sync-footer.css';

const REFRESH_MS = 30_000;
// A team change, a merge's conflicts, a finished exchange job ('team' if the backend ever names it so).
const TEAM_ENTITIES: readonly string[] = ['team', 'conflict', 'job'];
// Ordinary edits change the unsent count: refresh on them too, but at most this often.
const EDIT_REFRESH_MS = 5_000;

/** Keeps the shared team status fresh while the app is open: team and job events at once, edits throttled, every 30 s. */
export function useTeamStatusRefresh(): void {
  const load = useTeamStatus((s) => s.load);
  const lastEditRefresh = useRef(0);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  useDomainEvents(
    () => true,
    (event) => {
      if (TEAM_ENTITIES.includes(event.entity)) {
        if (event.kind !== 'progress') void load();
        return;
      }
      const now = Date.now();
      if (now - lastEditRefresh.current < EDIT_REFRESH_MS) return;
      lastEditRefresh.current = now;
      window.setTimeout(() => void load(), EDIT_REFRESH_MS);
    },
  );
}

export function SyncFooter() {
  const { t } = useTranslation('team');
  const status = useTeamStatus((s) => s.status);
  const canResolve = useCan(['tickets:write', 'users:admin']);
  // Administrators exchange from Administración → Equipo; everyone else has the same section on its own screen.
  const canAdmin = useCan(['users:admin', 'catalog:write', 'settings:admin']);
  if (!status?.team) return null;
  const last = [status.lastExportAt, status.lastImportAt].filter((v): v is string => Boolean(v)).sort().at(-1);
  return (
    <div className="sync-footer" aria-label={t('footer.label', { team: status.team.name })} role="group">
      <a className="sync-footer-line" href={hrefFor(canAdmin ? { name: 'admin', section: 'team' } : { name: 'team' })} title={last ? formatDateTime(last) : undefined}>
        <ArrowLeftRight size={12} aria-hidden="true" />
        <span>{last ? t('footer.lastExchange', { when: formatRelative(last) }) : t('footer.neverExchanged')}</span>
      </a>
      <div className="sync-footer-line muted">
        {status.unsentOps > 0 ? t('footer.unsent', { count: status.unsentOps, n: formatNumber(status.unsentOps) }) : t('footer.allSent')}
      </div>
      {canResolve && status.openConflicts > 0 && (
        <a className="sync-footer-conflicts" href={hrefFor({ name: 'conflicts' })}>
          {t('footer.conflicts', { count: status.openConflicts, n: formatNumber(status.openConflicts) })}
        </a>
      )}
    </div>
  );
}
