// The sync line at the foot of the sidebar: when this copy last exchanged, what it has not sent, open conflicts.
import { ArrowLeftRight, RefreshCw, Wifi, WifiOff } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFLICT_INBOX_ACCESS } from '../../../../electron/contract/access';
import { formatDateTime, formatNumber, formatRelative, formatTime } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { useNetStatus, type SyncNetStatus } from './netStore';
import { useTeamStatus } from './statusStore';
import { lastExchangeOf, lastExchangeText, netLineText, ownChangesText } from './syncFooterText';
import './sync-footer.css';

const REFRESH_MS = 30_000;
/** The app's formatters for syncFooterText (the Equipo screen words its state the same way). */
export const FOOTER_FORMAT = { time: formatTime, number: formatNumber };
// A team change, a merge's conflicts, a finished exchange job ('team' if the backend ever names it so).
const TEAM_ENTITIES: readonly string[] = ['team', 'conflict', 'job'];
// Ordinary edits change the unsent count: refresh on them too, but at most this often.
const EDIT_REFRESH_MS = 5_000;

/** Keeps the shared team status fresh while the app is open: team and job events at once, edits throttled, every 30 s. */
export function useTeamStatusRefresh(): void {
  const load = useTeamStatus((s) => s.load);
  const loadNet = useNetStatus((s) => s.load);
  const lastEditRefresh = useRef(0);
  const editRefresh = useRef<number | null>(null);
  useEffect(() => {
    void load();
    void loadNet();
    const timer = window.setInterval(() => {
      void load();
      void loadNet();
    }, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      if (editRefresh.current !== null) window.clearTimeout(editRefresh.current);
      editRefresh.current = null;
    };
  }, [load, loadNet]);
  useDomainEvents(
    () => true,
    (event) => {
      // The background sync announces its own state changes (syncing, synced, unreachable): the footer and the team
      // figures (last send, unsent) follow at once, never left behind by the edit throttle below ("Sincronizado" beside
      // "Último envío: nunca" and 2 unsent was the result).
      if (event.entity === 'team' && event.id === 'syncStatus') {
        void loadNet();
        void load();
        return;
      } else if (TEAM_ENTITIES.includes(event.entity)) {
        if (event.kind !== 'progress') void load();
        return;
      }
      const now = Date.now();
      if (now - lastEditRefresh.current < EDIT_REFRESH_MS) return;
      lastEditRefresh.current = now;
      editRefresh.current = window.setTimeout(() => {
        editRefresh.current = null;
        void load();
      }, EDIT_REFRESH_MS);
    },
  );
}

/** The background sync line: synced / syncing n changes / hub unreachable since HH:MM · n waiting / refused. */
function NetLine({ net }: { net: SyncNetStatus }) {
  const { t } = useTranslation('team');
  const bad = net.state === 'unreachable' || net.state === 'refused';
  return (
    <div className={`sync-footer-line sync-footer-net${bad ? ' is-bad' : ''}`} data-state={net.state} role="status" title={net.hub?.url}>
      {bad ? <WifiOff size={12} aria-hidden="true" /> : net.state === 'syncing' ? <RefreshCw size={12} aria-hidden="true" /> : <Wifi size={12} aria-hidden="true" />}
      <span>{netLineText(net, t, FOOTER_FORMAT)}</span>
      {net.state === 'unreachable' && <RetryNow />}
    </div>
  );
}

/** The hub is back before the next attempt (they come at most a minute apart): try now, from where the problem shows. */
function RetryNow() {
  const { t } = useTranslation('team');
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await useNetStatus.getState().syncNow();
    } catch {
      // The line keeps saying what it said: the round's own failure is the hub still being away.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="sync-footer-retry" disabled={busy} onClick={() => void retry()}>
      {busy ? t('footer.net.retrying') : t('footer.net.retry')}
    </button>
  );
}

export function SyncFooter() {
  const { t } = useTranslation('team');
  const status = useTeamStatus((s) => s.status);
  const net = useNetStatus((s) => s.status);
  const canResolve = useCan(CONFLICT_INBOX_ACCESS);
  // Administrators exchange from Administración → Equipo; everyone else has the same section on its own screen.
  const canAdmin = useCan(['users:admin', 'catalog:write', 'settings:admin']);
  if (!status?.team) return null;
  // Any completed transfer counts: a bundle or a network round.
  const last = lastExchangeOf(status, net);
  const own = ownChangesText(status, t, FOOTER_FORMAT);
  return (
    <div className="sync-footer" aria-label={t('footer.label', { team: status.team.name })} role="group">
      <a className="sync-footer-line" href={hrefFor(canAdmin ? { name: 'admin', section: 'team' } : { name: 'team' })} title={last ? formatDateTime(last) : undefined}>
        <ArrowLeftRight size={12} aria-hidden="true" />
        <span>{lastExchangeText(last, net, t, FOOTER_FORMAT, formatRelative)}</span>
      </a>
      {/* Revoked (the one bad state of its own changes) outranks what the network line would say. */}
      {own.bad ? (
        <div className="sync-footer-line sync-footer-net is-bad" data-state="revoked" role="status">
          <WifiOff size={12} aria-hidden="true" />
          <span>{own.text}</span>
        </div>
      ) : net && net.state !== 'off' ? (
        <NetLine net={net} />
      ) : net?.servingHub ? (
        <div className="sync-footer-line sync-footer-net" data-state="hub" role="status">
          <Wifi size={12} aria-hidden="true" />
          <span>{t('footer.net.hub')}</span>
        </div>
      ) : (
        <div className="sync-footer-line muted">{own.text}</div>
      )}
      {canResolve && status.openConflicts > 0 && (
        <a className="sync-footer-conflicts" href={hrefFor({ name: 'conflicts' })}>
          {t('footer.conflicts', { count: status.openConflicts, n: formatNumber(status.openConflicts) })}
        </a>
      )}
    </div>
  );
}
