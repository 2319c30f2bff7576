// This computer as the team's hub: the switch with its address, the LAN address members type, and pairing codes.
import { KeyRound, Server } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { useDomainEvents } from '../../lib/live';
import { toast } from '../../stores/toasts';
import { adminError, useAdminForm } from '../admin/shared';

type HubState = OutputOf<'team.hubGet'>;
type PairingCode = OutputOf<'team.pairCode'>;

/** mm:ss left until `expiresAt`, ticking every second; 0 once expired. */
function useSecondsLeft(expiresAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1000)) : 0;
}

const mmss = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

function PairingCodePanel({ code, used, onDone }: { code: PairingCode; used: boolean; onDone(): void }) {
  const { t } = useTranslation('team');
  const left = useSecondsLeft(used ? null : code.expiresAt);
  const valid = !used && left > 0;
  const panel = useRef<HTMLDivElement>(null);
  // A new code opens below the fold on a laptop screen: take focus there, which brings it into view.
  useEffect(() => panel.current?.focus(), [code.code]);
  return (
    <div className="net-code" role="region" aria-labelledby="net-code-title" ref={panel} tabIndex={-1} data-testid="pairing-code-panel">
      <h4 id="net-code-title">{t('net.code.title')}</h4>
      <output className="net-code-value mono" aria-live="polite" data-testid="pairing-code">
        {valid ? code.code : '––––-––––'}
      </output>
      {used ? (
        <p role="status">{t('net.code.used')}</p>
      ) : (
        <p className={valid ? 'muted' : 'field-error'} aria-live="off">
          {valid ? t('net.code.expiresIn', { time: mmss(left) }) : t('net.code.expired')}
        </p>
      )}
      <dl className="net-facts">
        <div>
          <dt>{t('net.fingerprint')}</dt>
          <dd className="mono net-fingerprint" data-testid="hub-fingerprint">
            {code.fingerprint}
          </dd>
        </div>
        {code.urls.length > 0 && (
          <div>
            <dt>{t('net.hub.address')}</dt>
            <dd className="mono">{code.urls.join(' · ')}</dd>
          </div>
        )}
      </dl>
      <p className="muted">{t('net.code.howTo')}</p>
      <button type="button" className="btn" onClick={onDone}>
        {t('net.code.close')}
      </button>
    </div>
  );
}

export function HubCard() {
  const { t } = useTranslation('team');
  const [state, setState] = useState<HubState | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [listen, setListen] = useState('0.0.0.0:7443');
  const [code, setCode] = useState<PairingCode | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { errors, setErrors, failure, busy, send } = useAdminForm(t);
  const codeForm = useAdminForm(t);

  async function load(resetForm: boolean) {
    try {
      const next = await api.call('team.hubGet', {});
      setState(next);
      setLoadError(null);
      if (resetForm) {
        setEnabled(next.enabled);
        setListen(next.listen);
      }
    } catch (error) {
      setLoadError(adminError(t, error));
    }
  }

  // Once on opening: later refreshes keep what the person is typing (load(false)).
  useEffect(() => void load(true), []);
  // The hub starts and stops asynchronously: follow its announcements (and connection counts) live.
  useDomainEvents(
    (event) => event.entity === 'team',
    () => void load(false),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^(\[[0-9a-fA-F:.]+\]|[0-9A-Za-z.-]*):\d{1,5}$|^\d{1,5}$/.test(listen.trim())) return setErrors({ listen: t('net.hub.listenInvalid') });
    setErrors({});
    await send(async () => {
      const next = await api.call('team.hubSet', { enabled, listen: listen.trim() });
      setState(next);
      if (next.running) toast.success(t('net.hub.started', { url: next.urls[0] ?? '' }));
      else if (!next.enabled) toast.info(t('net.hub.stopped'));
    });
  }

  async function makeCode() {
    await codeForm.send(async () => setCode(await api.call('team.pairCode', {})));
  }

  if (!state) return loadError ? <div className="alert" role="alert">{loadError}</div> : null;
  return (
    <form className="net-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="net-hub-title">
      <h4 id="net-hub-title">
        <Server size={14} aria-hidden="true" />
        {t('net.hub.title')}
      </h4>
      <p className="muted">{t('net.hub.intro')}</p>
      {failure && <div className="alert" role="alert">{failure}</div>}
      <label className="net-switch">
        <input type="checkbox" role="switch" aria-checked={enabled} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} name="hubEnabled" />
        <span>{t('net.hub.enable')}</span>
      </label>
      <Field label={t('net.hub.listen')} error={errors.listen} hint={t('net.hub.listenHint')}>
        <input value={listen} onChange={(e) => setListen(e.target.value)} name="hubListen" className="mono" autoComplete="off" spellCheck={false} />
      </Field>
      <p className="net-hub-status" role="status" data-testid="hub-status">
        {/* Starting takes seconds (the hub's own thread): "Apagado" meanwhile read as a save that did nothing. */}
        {busy && enabled !== state.running
          ? t(enabled ? 'net.hub.starting' : 'net.hub.stopping')
          : state.running
          ? t('net.hub.running', { count: state.connectedDevices, n: state.connectedDevices })
          : state.enabled && state.error
            ? t('net.hub.notRunning', { reason: t(`net.reason.${state.error}`, { defaultValue: state.error }) })
            : t('net.hub.off')}
      </p>
      {state.running && (
        <dl className="net-facts">
          <div>
            <dt>{t('net.hub.address')}</dt>
            <dd className="mono" data-testid="hub-urls">
              {state.urls.join(' · ')}
            </dd>
          </div>
          <div>
            <dt>{t('net.fingerprint')}</dt>
            <dd className="mono net-fingerprint">{state.fingerprint}</dd>
          </div>
        </dl>
      )}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('net.hub.saving') : t('net.hub.save')}
        </button>
        <button type="button" className="btn" disabled={!state.running || codeForm.busy} onClick={() => void makeCode()}>
          <KeyRound size={14} aria-hidden="true" />
          {t('net.code.make')}
        </button>
      </div>
      {codeForm.failure && <div className="alert" role="alert">{codeForm.failure}</div>}
      {code && <PairingCodePanel code={code} used={state.usedCodes.includes(code.id)} onDone={() => setCode(null)} />}
    </form>
  );
}
