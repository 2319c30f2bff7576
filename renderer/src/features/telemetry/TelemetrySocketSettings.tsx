// Administration card for the measuring-tool socket: switch it on, pick the port, read the token and the counters.
import { Copy, Eye, EyeOff } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TelemetrySocketInfo } from '../../../../electron/contract';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { errorMessage } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import './telemetry.css';

export function TelemetrySocketSettings() {
  const { t } = useTranslation('telemetry');
  const [info, setInfo] = useState<TelemetrySocketInfo | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [port, setPort] = useState('5181');
  const [showToken, setShowToken] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const next = await api.call('telemetry.socketInfo', {});
      setInfo(next);
      setEnabled(next.enabled);
      setPort(String(next.port));
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  }
  useEffect(() => void load(), []);
  useDomainEvents((event) => event.entity === 'settings', () => void load());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1024 || portNumber > 65535) return setError(t('socket.portRule'));
    setBusy(true);
    setError(null);
    try {
      // The versions of the settings this card was loaded with (refreshed with it on every settings event).
      await api.call('settings.update', { telemetrySocketEnabled: enabled, telemetrySocketPort: portNumber, versions: useSession.getState().settings?.versions ?? {} });
      await useSession.getState().refreshSettings();
      toast.success(t('socket.saved'));
    } catch (failure) {
      // Someone else saved settings first: read theirs (values and versions) so a second save works.
      if (failure instanceof ApiError && failure.reason === 'stale_version') {
        await useSession.getState().refreshSettings().catch(() => undefined);
        await load();
      }
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  }

  async function copyUrl() {
    if (!info) return;
    try {
      await navigator.clipboard.writeText(info.url);
      toast.success(t('socket.copied'));
    } catch {
      setShowToken(true);
    }
  }

  if (!info) return error ? <div className="alert" role="alert">{error}</div> : <p className="muted">{t('common:state.loading')}</p>;
  const masked = info.url.replace(info.token, '•'.repeat(12));
  return (
    <form className="card telemetry-socket-settings" onSubmit={(e) => void submit(e)} aria-labelledby="telemetry-socket-title" noValidate>
      <h3 id="telemetry-socket-title">{t('socket.title')}</h3>
      <p className="muted">{t('socket.help')}</p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <label className="telemetry-socket-toggle">
        <input type="checkbox" name="telemetrySocketEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>{t('socket.enable')}</span>
      </label>
      <Field label={t('socket.port')} hint={t('socket.portHint')}>
        <input name="telemetrySocketPort" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
      </Field>
      <div className="field">
        <span className="telemetry-socket-label" id="telemetry-socket-url-label">
          {t('socket.url')}
        </span>
        <div className="telemetry-socket-url">
          <code aria-labelledby="telemetry-socket-url-label">{showToken ? info.url : masked}</code>
          <button type="button" className="btn btn-ghost btn-icon" onClick={() => setShowToken((v) => !v)} aria-label={showToken ? t('socket.hideToken') : t('socket.showToken')} title={showToken ? t('socket.hideToken') : t('socket.showToken')}>
            {showToken ? <EyeOff size={14} aria-hidden="true" /> : <Eye size={14} aria-hidden="true" />}
          </button>
          <button type="button" className="btn btn-ghost btn-icon" onClick={() => void copyUrl()} aria-label={t('socket.copy')} title={t('socket.copy')}>
            <Copy size={14} aria-hidden="true" />
          </button>
        </div>
      </div>
      <p className="telemetry-socket-status" role="status">
        {info.stats
          ? t('socket.running', {
              messages: formatNumber(info.stats.acceptedMessages),
              readings: formatNumber(info.stats.acceptedReadings),
              refused: formatNumber(info.stats.rateLimited + info.stats.invalid),
            })
          : info.enabled
            ? t('socket.notListening', { port: info.port })
            : t('socket.stopped')}
      </p>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('record.saving') : t('socket.save')}
        </button>
      </div>
    </form>
  );
}
