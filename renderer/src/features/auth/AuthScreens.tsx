// First-run setup (create the first administrator, or join a team by pairing with the office hub), sign-in and the
// lock screen shown when a session expires.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { errorMessage } from '../../lib/errors';
import { zodFieldErrors } from '../../lib/forms';
import { useSession } from '../../stores/session';
import { PairCard } from '../team/PairCard';

function AuthCard({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth-screen">
      <div className="auth-card">
        {/* The language before anyone signs in: a new laptop of a Spanish team may start in its system's English. */}
        <div className="auth-card-top">
          <div className="brand">
            <img src="favicon.svg" alt="" width={18} height={18} />
            {t('appName')}
          </div>
          <LanguageSwitcher />
        </div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
        {children}
      </div>
    </main>
  );
}

/** A laptop meant for the team pairs before anyone is created on it, so no local administrator joins the team. */
function JoinTeamSetup({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation('auth');
  const bootstrap = useSession((s) => s.bootstrap);
  // Once paired the install has the team's users: creating an administrator is no longer offered.
  const [paired, setPaired] = useState(false);
  return (
    <AuthCard title={t('setup.joinTitle')}>
      <PairCard firstRun={{ onSignIn: () => void bootstrap(), onPaired: () => setPaired(true) }} />
      {!paired && (
        <button className="btn btn-ghost" type="button" onClick={onBack}>
          {t('setup.createInstead')}
        </button>
      )}
    </AuthCard>
  );
}

export function SetupScreen() {
  const [joining, setJoining] = useState(false);
  if (joining) return <JoinTeamSetup onBack={() => setJoining(false)} />;
  return <CreateAdminSetup onJoin={() => setJoining(true)} />;
}

function CreateAdminSetup({ onJoin }: { onJoin: () => void }) {
  const { t } = useTranslation('auth');
  const setup = useSession((s) => s.setup);
  const [form, setForm] = useState({ companyName: '', fullName: '', email: '', username: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bind = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { confirm, ...input } = form;
    // Loaded on submit: the contract's schemas stay out of the code every start waits for.
    const { setupInput } = await import('../../../../electron/contract/auth');
    const found = zodFieldErrors(t, setupInput, input);
    if (confirm !== form.password) found.confirm = t('setup.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await setup(input);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')}>
      <form onSubmit={submit} noValidate>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <Field label={t('setup.companyName')} error={errors.companyName}>
          <input {...bind('companyName')} autoFocus />
        </Field>
        <Field label={t('setup.fullName')} error={errors.fullName}>
          <input {...bind('fullName')} autoComplete="name" />
        </Field>
        <Field label={t('setup.email')} error={errors.email}>
          <input {...bind('email')} type="email" autoComplete="email" />
        </Field>
        <Field label={t('setup.username')} error={errors.username}>
          <input {...bind('username')} autoComplete="username" />
        </Field>
        <Field label={t('setup.password')} error={errors.password} hint={t('setup.passwordHint')}>
          <input {...bind('password')} type="password" autoComplete="new-password" />
        </Field>
        <Field label={t('setup.confirmPassword')} error={errors.confirm}>
          <input {...bind('confirm')} type="password" autoComplete="new-password" />
        </Field>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
      <div className="auth-alt">
        <p className="muted">{t('setup.joinLead')}</p>
        <button className="btn" type="button" onClick={onJoin}>
          {t('setup.joinChoice')}
        </button>
        {/* A file joins from inside (Administración → Equipo), under an administrator: said here, where people look. */}
        <p className="muted">{t('setup.joinByFile')}</p>
      </div>
    </AuthCard>
  );
}

export function LoginScreen({ locked = false }: { locked?: boolean }) {
  const { t } = useTranslation('auth');
  const { login, lockedLogin, status, logout } = useSession();
  const [form, setForm] = useState({ login: locked ? (lockedLogin ?? '') : '', password: '' });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await login(form.login, form.password);
    } catch (error) {
      setFailure(errorMessage(t, error));
      setForm({ ...form, password: '' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title={locked ? t('lock.title') : t('login.title')}
      intro={locked ? t('lock.intro') : status?.companyName || undefined}
    >
      <form onSubmit={submit}>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <Field label={t('login.login')}>
          <input
            value={form.login}
            onChange={(e) => setForm({ ...form, login: e.target.value })}
            autoComplete="username"
            autoFocus={!locked}
            readOnly={locked}
            required
          />
        </Field>
        <Field label={t('login.password')}>
          <input
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            type="password"
            autoComplete="current-password"
            autoFocus={locked}
            required
          />
        </Field>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {locked ? t('lock.submit') : t('login.submit')}
        </button>
        {locked && (
          <button className="btn btn-ghost" type="button" onClick={() => void logout()}>
            {t('lock.other')}
          </button>
        )}
      </form>
    </AuthCard>
  );
}

export function UnreachableScreen() {
  const { t } = useTranslation('auth');
  const reason = useSession((s) => s.unreachableReason);
  return (
    <AuthCard title={t('unreachable.title')}>
      <p role="alert">{t(`common:errors.reason.${reason ?? 'offline'}`, { defaultValue: t('common:errors.reason.offline') })}</p>
    </AuthCard>
  );
}
