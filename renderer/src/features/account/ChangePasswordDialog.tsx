// "Cambiar mi contraseña": the signed-in person changes their own password (auth.changePassword).
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { zodFieldErrors } from '../../lib/forms';
import { toast } from '../../stores/toasts';

type Errors = Partial<Record<'oldPassword' | 'newPassword' | 'confirm', string>>;

/** The backend's refusals as field errors where they belong to one field (a wrong current password, a common new one). */
function refusalErrors(t: TFunction, error: unknown): { errors: Errors; failure: string | null } {
  if (error instanceof ApiError && error.reason === 'wrong_password') return { errors: { oldPassword: t('password.wrongPassword') }, failure: null };
  if (error instanceof ApiError && error.reason === 'common_password') return { errors: { newPassword: t('common:errors.reason.common_password') }, failure: null };
  if (error instanceof ApiError && error.reason === 'account_locked') return { errors: {}, failure: t('password.locked') };
  const fields = fieldErrors(error);
  return { errors: { ...(fields.oldPassword ? { oldPassword: fields.oldPassword } : {}), ...(fields.newPassword ? { newPassword: fields.newPassword } : {}) }, failure: errorMessage(t, error) };
}

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('account');
  const [form, setForm] = useState({ oldPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // showModal() focuses the dialog's first button (×) after this mounts: move on to the first field a frame later.
  useEffect(() => {
    const frame = requestAnimationFrame(() => first.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const bind = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const input = { oldPassword: form.oldPassword, newPassword: form.newPassword };
    // Loaded on submit: the contract's schemas stay out of the code every start waits for.
    const { changePasswordInput } = await import('../../../../electron/contract/auth');
    const found: Errors = zodFieldErrors(t, changePasswordInput, input);
    if (!found.newPassword && form.confirm !== form.newPassword) found.confirm = t('password.mismatch');
    if (!found.newPassword && form.newPassword === form.oldPassword) found.newPassword = t('password.sameAsOld');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api.call('auth.changePassword', input);
      toast.success(t('password.changed'));
      onClose();
    } catch (error) {
      const refusal = refusalErrors(t, error);
      setErrors(refusal.errors);
      setFailure(Object.keys(refusal.errors).length > 0 ? null : refusal.failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('password.title')} open onClose={onClose} footer={<FormFooter formId="change-password-form" busy={busy} submit={t('password.submit')} onClose={onClose} />}>
      <form id="change-password-form" onSubmit={submit} noValidate>
        {failure && (
          <div className="alert" role="alert">
            {failure}
          </div>
        )}
        <p className="muted">{t('password.intro')}</p>
        <Field label={t('password.current')} error={errors.oldPassword}>
          <input {...bind('oldPassword')} ref={first} type="password" autoComplete="current-password" />
        </Field>
        <Field label={t('password.new')} error={errors.newPassword} hint={t('password.hint')}>
          <input {...bind('newPassword')} type="password" autoComplete="new-password" />
        </Field>
        <Field label={t('password.confirm')} error={errors.confirm}>
          <input {...bind('confirm')} type="password" autoComplete="new-password" />
        </Field>
      </form>
    </Modal>
  );
}
