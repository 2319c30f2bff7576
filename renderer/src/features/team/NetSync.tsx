// Administración → Equipo → "Sincronización en red": the hub this copy syncs with, hub mode, and pairing.
import { RefreshCw, Wifi } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useAdminForm } from '../admin/shared';
import { HubCard } from './HubCard';
import { useNetStatus, type SyncNetStatus } from './netStore';
import { PairCard } from './PairCard';
import { FOOTER_FORMAT } from './SyncFooter';
import { netLineText, syncNowProblem } from './syncFooterText';

function LinkPanel({ net }: { net: SyncNetStatus }) {
  const { t } = useTranslation('team');
  const { failure, busy, send } = useAdminForm(t);
  // The round's own outcome, said next to the button (a hub that is down answered with silence before).
  const [problem, setProblem] = useState<string | null>(null);
  if (!net.hub) return null;
  const syncNow = () =>
    send(async () => {
      setProblem(null);
      setProblem(syncNowProblem(await useNetStatus.getState().syncNow(), t));
    });
  return (
    <div className="net-panel" aria-labelledby="net-link-title">
      <h4 id="net-link-title">
        <Wifi size={14} aria-hidden="true" />
        {t('net.link.title', { name: net.hub.name })}
      </h4>
      <dl className="net-facts">
        <div>
          <dt>{t('net.hub.address')}</dt>
          <dd className="mono">{net.hub.url}</dd>
        </div>
        <div>
          <dt>{t('net.fingerprint')}</dt>
          <dd className="mono net-fingerprint">{net.hub.fingerprint}</dd>
        </div>
        <div>
          <dt>{t('net.link.state')}</dt>
          <dd role="status" data-testid="net-state">
            {netLineText(net, t, FOOTER_FORMAT)}
          </dd>
        </div>
        <div>
          <dt>{t('net.link.last')}</dt>
          <dd>{net.lastSyncAt ? formatDateTime(net.lastSyncAt) : t('overview.never')}</dd>
        </div>
      </dl>
      {failure && <div className="alert" role="alert">{failure}</div>}
      <div className="btn-row">
        <button type="button" className="btn" disabled={busy} onClick={() => void syncNow()}>
          <RefreshCw size={14} aria-hidden="true" />
          {busy ? t('net.link.syncing') : t('net.link.now')}
        </button>
        {problem && (
          <span className="net-now-problem" role="alert" data-testid="sync-now-problem">
            {problem}
          </span>
        )}
      </div>
    </div>
  );
}

export function NetSync({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('team');
  const net = useNetStatus((s) => s.status);
  useEffect(() => void useNetStatus.getState().load(), []);
  return (
    <section className="card net-sync" aria-labelledby="net-sync-title">
      <h3 id="net-sync-title">
        <Wifi size={15} aria-hidden="true" />
        {t('net.title')}
      </h3>
      <p className="muted">{t('net.intro')}</p>
      <div className="net-grid">
        {net?.hub && <LinkPanel net={net} />}
        {canManage && <HubCard />}
        {canManage && <PairCard />}
      </div>
    </section>
  );
}
