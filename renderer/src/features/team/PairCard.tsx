// Pair this computer with a hub: found by mDNS or typed, plus the one-time code shown on the hub; then compare fingerprints.
// Also the first-run screen's "join a team" (firstRun: no session, no users yet, team.pairFirstRun), and, for a copy
// with its own users, the accounts that will join the team, confirmed before pairing.
import { Link2, Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../electron/contract';
import { HUB_URL_PATTERN } from '../../../../electron/contract/hubUrl';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { toast } from '../../stores/toasts';
import { useAdminForm } from '../admin/shared';
import { JoiningAccounts } from './JoiningAccounts';
import { useNetStatus } from './netStore';
import { useTeamStatus } from './statusStore';
import './team.css';

type Found = OutputOf<'team.discoverHubs'>['hubs'][number];
type Paired = OutputOf<'team.pairWithHub'>;

/** firstRun: on the first-run screen of an empty install; onSignIn leads on to signing in with the team account. */
export function PairCard({ asCard = false, firstRun }: { asCard?: boolean; firstRun?: { onSignIn: () => void; onPaired: () => void } }) {
  const { t } = useTranslation('team');
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  // Named on purpose: every laptop was called after its machine ("vm"), six alike in Miembros.
  const status = useTeamStatus((s) => s.status);
  const joining = firstRun !== undefined || !status?.team;
  // A copy with users joins with them: they are listed and confirmed first (an empty install has none).
  const withAccounts = joining && firstRun === undefined;
  const [accountsConfirmed, setAccountsConfirmed] = useState(false);
  const [deviceName, setDeviceName] = useState<string | null>(null);
  const shownName = deviceName ?? (firstRun ? '' : (status?.device.name ?? ''));
  const [found, setFound] = useState<Found[] | null>(null);
  const [paired, setPaired] = useState<Paired | null>(null);
  const { errors, setErrors, failure, setFailure, busy, send } = useAdminForm(t);
  const search = useAdminForm(t);

  async function discover() {
    await search.send(async () => setFound((await api.call('team.discoverHubs', {})).hubs));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    // The last attempt's refusal is about the last attempt: a new one starts clean.
    setFailure(null);
    if (!url.trim()) next.url = t('net.pair.urlRequired');
    else if (!HUB_URL_PATTERN.test(url.trim())) next.url = t('net.pair.urlShape');
    if (code.replace(/[\s-]/g, '').length < 4) next.code = t('net.pair.codeRequired');
    if (joining && !shownName.trim()) next.deviceName = t('net.pair.deviceNameRequired');
    if (withAccounts && !accountsConfirmed) next.accounts = t('net.pair.accountsConfirmRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    await send(async () => {
      const input = { url: url.trim(), code: code.trim() };
      const result = firstRun
        ? await api.call('team.pairFirstRun', { ...input, deviceName: shownName.trim() })
        : await api.call('team.pairWithHub', { ...input, ...(joining ? { deviceName: shownName.trim() } : {}) });
      setPaired(result);
      setCode('');
      if (firstRun) return firstRun.onPaired();
      toast.success(t('net.pair.done', { name: result.hubName }));
      void useTeamStatus.getState().load();
      void useNetStatus.getState().load();
    });
  }

  return (
    <div className={asCard ? 'card team-card net-pair' : 'net-panel net-pair'}>
      {/* Paired on the first-run screen: only the outcome and the way on are left to show. */}
      {!(firstRun && paired) && (
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
          <p className="muted">{firstRun ? t('net.pair.introFirstRun') : asCard ? t('net.pair.introNew') : t('net.pair.intro')}</p>
          {failure && <div className="alert" role="alert">{failure}</div>}
          {/* Finding hubs by mDNS is an administrator's channel: on the first-run screen the address is typed. */}
          {!firstRun && (
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
          )}
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
              placeholder="K7QM-4XHP"
              maxLength={20}
            />
          </Field>
          {joining && (
            <Field label={t('net.pair.deviceName')} error={errors.deviceName} hint={t('net.pair.deviceNameHint')}>
              <input
                value={shownName}
                onChange={(e) => setDeviceName(e.target.value)}
                name="deviceName"
                autoComplete="off"
                maxLength={100}
                required
                placeholder={t('net.pair.deviceNamePlaceholder')}
              />
            </Field>
          )}
          {withAccounts && !paired && <JoiningAccounts confirmed={accountsConfirmed} onConfirmed={setAccountsConfirmed} error={errors.accounts} />}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('net.pair.busy') : t('net.pair.submit')}
          </button>
        </form>
      )}
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
          {paired.joined && !firstRun && (
            <p className="net-passwords" data-testid="paired-passwords">
              {paired.teamAccount ? t('net.pair.teamPasswordFor', { username: paired.teamAccount.username }) : t('net.pair.teamPasswords')}
            </p>
          )}
          {firstRun && (
            <div className="net-first-run">
              <p>{t('net.pair.signInTeam')}</p>
              <button type="button" className="btn btn-primary" onClick={firstRun.onSignIn} autoFocus>
                {t('net.pair.signInTeamButton')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
