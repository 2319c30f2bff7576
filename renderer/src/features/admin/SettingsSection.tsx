// Company settings: name, contact, logo, code prefixes, session timeout, language and the company time zone.
import { ImageUp, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsViewDto, UiLanguage } from '../../../../electron/contract';
import { settingsUpdateInput } from '../../../../electron/contract/catalogs';
import { canonicalTimeZone, timeZoneChoices } from '../../../../electron/contract/timeZoneNames';
import { localYearOf } from '../../../../electron/contract/zonedTime';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { zodFieldErrors } from '../../lib/forms';
import { timeZoneLabel } from '../../lib/timeZoneLabel';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { SectionHeader, useAdminForm } from './shared';
import { TelemetrySocketSettings } from '../telemetry/TelemetrySocketSettings';
import { SlaTargetsSettings } from './SlaTargetsSettings';
import { VisitMinutesFields } from './VisitMinutesFields';

const MAX_LOGO_CHARS = 700_000;

/**
 * Every IANA zone this browser knows (what the backend's Intl check accepts) under its current name, with UTC and the
 * current one, each with its label in the interface's language.
 */
function zoneChoices(current: string, language: string): { zone: string; label: string }[] {
  const now = new Date();
  return timeZoneChoices(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [], current).map((zone) => ({ zone, label: timeZoneLabel(zone, language, now) }));
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function SettingsSection() {
  const { t, i18n } = useTranslation('admin');
  const settings = useSession((s) => s.settings);
  // The form keeps the versions it was filled from, so saving over someone else's newer change is a CONFLICT.
  const [form, setFormState] = useState<SettingsViewDto | null>(settings);
  const [timeout, setTimeoutState] = useState(String(settings?.sessionTimeoutMinutes ?? 30));
  // Once the person has typed, a late refresh of the stored settings must not wipe what they typed.
  const edited = useRef(false);
  const setForm = (next: SettingsViewDto) => {
    edited.current = true;
    setFormState(next);
  };
  const setTimeoutText = (next: string) => {
    edited.current = true;
    setTimeoutState(next);
  };
  const { errors, setErrors, failure, busy, send } = useAdminForm(t, {
    fields: ['companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyTaxId', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'language', 'timeZone', 'workOrderDefaultMinutes'],
    // Someone else saved settings first: their values and versions replace what this form was filled from.
    reload: async () => {
      await useSession.getState().refreshSettings();
      const fresh = useSession.getState().settings;
      edited.current = false;
      setFormState(fresh);
      setTimeoutState(String(fresh?.sessionTimeoutMinutes ?? 30));
    },
  });
  const fileInput = useRef<HTMLInputElement>(null);
  // ~420 zones, two Intl names each: made once per language and current zone, not at every keystroke in the form.
  const zones = useMemo(() => zoneChoices(form?.timeZone ?? 'UTC', i18n.language), [form?.timeZone, i18n.language]);

  useEffect(() => {
    void useSession.getState().refreshSettings().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (edited.current) return;
    setFormState(settings);
    setTimeoutState(String(settings?.sessionTimeoutMinutes ?? 30));
  }, [settings]);

  if (!form) return <div className="empty">{t('common:state.loading')}</div>;
  const bind = (key: 'companyName' | 'companyAddress' | 'companyPhone' | 'companyEmail' | 'companyTaxId' | 'ticketPrefix' | 'workOrderPrefix') => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  async function pickLogo(file: File | undefined) {
    if (!file || !form) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') return setErrors({ ...errors, companyLogo: t('settings.logoType') });
    const dataUrl = await readAsDataUrl(file);
    if (dataUrl.length > MAX_LOGO_CHARS) return setErrors({ ...errors, companyLogo: t('settings.logoTooBig') });
    setErrors({ ...errors, companyLogo: '' });
    setForm({ ...form, companyLogo: dataUrl });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    const input = { ...form, ticketPrefix: form.ticketPrefix.toUpperCase(), workOrderPrefix: form.workOrderPrefix.toUpperCase(), sessionTimeoutMinutes: Number(timeout) };
    const found = zodFieldErrors(t, settingsUpdateInput, input);
    if (found.ticketPrefix) found.ticketPrefix = t('settings.prefixRule');
    if (found.workOrderPrefix) found.workOrderPrefix = t('settings.prefixRule');
    if (found.sessionTimeoutMinutes) found.sessionTimeoutMinutes = t('settings.timeoutRule');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await send(async () => {
      await api.call('settings.update', input);
      edited.current = false;
      await useSession.getState().refreshSettings();
      toast.success(t('settings.saved'));
    });
  }

  return (
    <section aria-labelledby="admin-section-title">
      <SectionHeader title={t('sections.settings')} />
      <form className="card settings-form" onSubmit={submit} noValidate>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <h3>{t('settings.company')}</h3>
        <div className="form-grid">
          <Field label={t('settings.companyName')} error={errors.companyName}>
            <input {...bind('companyName')} />
          </Field>
          <Field label={t('settings.companyPhone')} error={errors.companyPhone}>
            <input {...bind('companyPhone')} type="tel" />
          </Field>
          <Field label={t('settings.companyEmail')} error={errors.companyEmail}>
            <input {...bind('companyEmail')} type="email" />
          </Field>
          <Field label={t('settings.companyAddress')} error={errors.companyAddress}>
            <input {...bind('companyAddress')} />
          </Field>
          <Field label={t('settings.companyTaxId')} error={errors.companyTaxId} hint={t('settings.companyTaxIdHint')}>
            <input {...bind('companyTaxId')} className="mono" maxLength={32} autoComplete="off" />
          </Field>
        </div>
        <div className="logo-row">
          <div className="logo-preview">
            {form.companyLogo ? <img src={form.companyLogo} alt={t('settings.logoPreview')} /> : <span className="muted">{t('settings.noLogo')}</span>}
          </div>
          <div className="logo-actions">
            <span className="field-label" id="logo-label">
              {t('settings.logo')}
            </span>
            {/* The native file input speaks the browser's language; a labelled button opens it instead. */}
            <input ref={fileInput} type="file" accept="image/png,image/jpeg" hidden onChange={(e) => void pickLogo(e.target.files?.[0])} />
            <div className="btn-row">
              <button type="button" className="btn" aria-describedby="logo-label logo-hint" onClick={() => fileInput.current?.click()}>
                <ImageUp size={14} aria-hidden="true" />
                {form.companyLogo ? t('settings.changeLogo') : t('settings.uploadLogo')}
              </button>
              {form.companyLogo && (
                <button type="button" className="btn" onClick={() => setForm({ ...form, companyLogo: null })}>
                  <Trash2 size={14} aria-hidden="true" />
                  {t('settings.removeLogo')}
                </button>
              )}
            </div>
            {errors.companyLogo ? (
              <small className="field-error" role="alert">
                {errors.companyLogo}
              </small>
            ) : (
              <small id="logo-hint" className="field-hint">
                {t('settings.logoHint')}
              </small>
            )}
          </div>
        </div>
        <h3>{t('settings.codes')}</h3>
        <div className="form-grid">
          <Field label={t('settings.ticketPrefix')} error={errors.ticketPrefix} hint={t('settings.prefixExample', { code: `${form.ticketPrefix || 'TK'}-${localYearOf(form.timeZone, Date.now())}-000042` })}>
            <input {...bind('ticketPrefix')} className="mono" maxLength={8} />
          </Field>
          <Field label={t('settings.workOrderPrefix')} error={errors.workOrderPrefix} hint={t('settings.prefixExample', { code: `${form.workOrderPrefix || 'OT'}-${localYearOf(form.timeZone, Date.now())}-000042` })}>
            <input {...bind('workOrderPrefix')} className="mono" maxLength={8} />
          </Field>
        </div>
        <VisitMinutesFields value={form.workOrderDefaultMinutes} onChange={(workOrderDefaultMinutes) => setForm({ ...form, workOrderDefaultMinutes })} error={errors.workOrderDefaultMinutes} />
        <h3>{t('settings.sessionAndLanguage')}</h3>
        <div className="form-grid">
          <Field label={t('settings.timeout')} error={errors.sessionTimeoutMinutes}>
            <input type="number" min={1} max={1440} value={timeout} onChange={(e) => setTimeoutText(e.target.value)} />
          </Field>
          <Field label={t('settings.language')} hint={t('settings.languageHint')} error={errors.language}>
            <select value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as UiLanguage })}>
              <option value="system">{t('settings.languageSystem')}</option>
              <option value="es">Español</option>
              <option value="en">English</option>
            </select>
          </Field>
          <Field label={t('settings.timeZone')} error={errors.timeZone} hint={t('settings.timeZoneHint')}>
            <select value={canonicalTimeZone(form.timeZone)} onChange={(e) => setForm({ ...form, timeZone: e.target.value })}>
              {zones.map(({ zone, label }) => (
                <option key={zone} value={zone}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {/* In sight while the long form scrolls: a trial scrolled past it and pressed the next section's button. */}
        <div className="settings-form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common:state.saving') : t('settings.save')}
          </button>
        </div>
      </form>
      <SlaTargetsSettings />
      <TelemetrySocketSettings />
    </section>
  );
}
