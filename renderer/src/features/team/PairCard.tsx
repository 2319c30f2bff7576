// Pair this computer with a hub: found by mDNS or typed, plus the one-time code shown on the hub; then compare fingerprints.
import { Link2, Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { toast } from '../../stores/toasts';
import { useAdminForm } from '../admin/shared';
import { useNetStatus } from './netStore';
import { useTeamStatus } from './statusStore';

type Found = OutputOf<'team.discoverHubs'>['hubs'][number];
type Paired = OutputOf<'team.pairWithHub'>;

export function PairCard({ asCard = false }: { asCard?: boolean }) {
  const { t } = useTranslation('team');
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  // Named on purpose: every laptop was called after its machine ("vm"), six alike in Miembros.
  const status = useTeamStatus((s) => s.status);
  const joining = !status?.team;
  const [deviceName, setDeviceName] = useState<string | null>(null);
  const shownName = deviceName ?? status?.device.name ?? '';
  const [found, setFound] = useState<Found[] | null>(null);
  const [paired, setPaired] = useState<Paired | null>(null);
  const { errors, setErrors, failure, busy, send } = useAdminForm(t);
  const search = useAdminForm(t);

  async function discover() {
    await search.send(async () => setFound((await api.call('team.discoverHubs', {})).hubs));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!url.trim()) next.url = t('net.pair.urlRequired');
    if (code.replace(/[\s-]/g, '').length < 4) next.code = t('net.pair.codeRequired');
    if (joining && !shownName.trim()) next.deviceName = t('net.pair.deviceNameRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    await send(async () => {
      const result = await api.call('team.pairWithHub', { url: url.trim(), code: code.trim(), ...(joining ? { deviceName: shownName.trim() } : {}) });
      setPaired(result);
      setCode('');
      toast.success(t('net.pair.done', { name: result.hubName }));
      void useTeamStatus.getState().load();
      void useNetStatus.getState().load();
    });
  }

  return (
    <div className={asCard ? 'card team-card net-pair' : 'net-panel net-pair'}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="net-pair-title">
        {asCard ? (
          <h3 id="net-pair-title">
            <Link2 size={15} aria-hidden="true" />
            {t('net.pair.title')}
          </h3>
        ) : (
          <h4 id="net-pair-title">
            <Link2 size={14} aria-hidden="true" />
            {t('net.pair.title')}
          </h4>
        )}
        <p className="muted">{asCard ? t('net.pair.introNew') : t('net.pair.intro')}</p>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <div className="field">
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => void discover()} disabled={search.busy}>
              <Search size={14} aria-hidden="true" />
              {search.busy ? t('net.pair.searching') : t('net.pair.search')}
            </button>
          </div>
          {search.failure && <div className="alert" role="alert">{search.failure}</div>}
          {found && (
            <ul className="net-found" aria-label={t('net.pair.foundLabel')}>
              {found.length === 0 && <li className="muted">{t('net.pair.noneFound')}</li>}
              {found.map((hub) => (
                <li key={hub.url}>
                  <button type="button" className={`btn btn-ghost${url === hub.url ? ' is-picked' : ''}`} aria-pressed={url === hub.url} onClick={() => setUrl(hub.url)}>
                    <strong>{hub.name}</strong> <span className="mono">{hub.url}</span> {hub.sameTeam && <span className="badge">{t('net.pair.sameTeam')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Field label={t('net.pair.url')} error={errors.url} hint={t('net.pair.urlHint')}>
          <input value={url} onChange={(e) => setUrl(e.target.value)} name="hubUrl" className="mono" autoComplete="off" spellCheck={false} placeholder="https://192.168.1.20:7443" />
        </Field>
        <Field label={t('net.pair.code')} error={errors.code} hint={t('net.pair.codeHint')}>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            name="pairingCode"
            className="mono net-code-input"
            autoComplete="one-time-code"
            spellCheck={false}
            placeholder="ABCD-1234"
            maxLength={20}
          />
        </Field>
        {joining && (
          <Field label={t('net.pair.deviceName')} error={errors.deviceName} hint={t('net.pair.deviceNameHint')}>
            <input value={shownName} onChange={(e) => setDeviceName(e.target.value)} name="deviceName" autoComplete="off" maxLength={100} required />
          </Field>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('net.pair.busy') : t('net.pair.submit')}
        </button>
      </form>
      {paired && (
        <div className="net-paired" role="status" data-testid="paired">
          <p>
            <strong>{t('net.pair.pairedWith', { name: paired.hubName })}</strong> <span className="mono">{paired.url}</span>
          </p>
          <dl className="net-facts">
            <div>
              <dt>{t('net.fingerprint')}</dt>
              <dd className="mono net-fingerprint" data-testid="paired-fingerprint">
                {paired.fingerprint}
              </dd>
            </div>
          </dl>
          <p className="muted">{t('net.pair.compare')}</p>
          {/* Said once: the team's passwords now apply here (the laptop's own one for a merged account no longer does). */}
          {paired.joined && (
            <p className="net-passwords" data-testid="paired-passwords">
              {paired.teamAccount ? t('net.pair.teamPasswordFor', { username: paired.teamAccount.username }) : t('net.pair.teamPasswords')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
