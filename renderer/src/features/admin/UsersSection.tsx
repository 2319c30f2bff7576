// Users: list, create, edit (role, active), deactivate and reset a password.
import { KeyRound, Pencil, Plus, UserX } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roleHint, roleNameWords, roleWords } from '../../lib/roleWords';
import { DEFAULT_ROLE_WORDS } from '../../../../shared/words';
import type { UserDto } from '../../../../electron/contract';
import type { OpenWorkOrderCounts } from '../../../../electron/contract/users';
import { userCreateInput, userUpdateInput } from '../../../../electron/contract/users';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { formatRelative } from '../../lib/format';
import { zodFieldErrors } from '../../lib/forms';
import { useDomainEvents } from '../../lib/live';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { adminError, ConfirmDialog, FormFooter, SectionHeader, useAdminForm } from './shared';
import { useAdmin } from './store';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserDto } | { mode: 'password'; user: UserDto } | { mode: 'deactivate'; user: UserDto } | null;

function UserForm({ editing, onClose }: { editing: { mode: 'create' } | { mode: 'edit'; user: UserDto }; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const roles = useAdmin((s) => s.roles);
  const shown = editing.mode === 'edit' ? editing.user : null;
  const formOf = (u: UserDto | null) => ({
    fullName: u?.fullName ?? '',
    email: u?.email ?? '',
    username: u?.username ?? '',
    password: '',
    roleId: u?.roleId ?? roles.find((r) => r.name === DEFAULT_ROLE_WORDS.es.technician)?.id ?? '',
    isActive: u?.isActive ?? true,
  });
  // The user as the form was (re)filled: its version goes back with the update, so a newer change is a CONFLICT.
  const [user, setUser] = useState<UserDto | null>(shown);
  const [form, setForm] = useState(() => formOf(shown));
  const { errors, setErrors, failure, busy, send } = useAdminForm(t, {
    fields: ['fullName', 'email', 'username', 'password', 'roleId', 'isActive'],
    reload: async () => {
      if (!user) return;
      const fresh = (await api.call('users.list', { includeInactive: true })).find((u) => u.id === user.id);
      if (!fresh) throw new ApiError({ code: 'NOT_FOUND', message: `user ${user.id} not found`, details: { reason: 'not_found' } });
      setUser(fresh);
      setForm(formOf(fresh));
      void useAdmin.getState().loadUsers();
    },
  });
  // Unticking Activo on someone active says what the deactivate dialog says about the visits they keep.
  const left = useOpenWorkOrdersWords(user?.id ?? '', user !== null && user.isActive && !form.isActive);
  const bind = (key: 'fullName' | 'email' | 'username' | 'password') => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const roleId = form.roleId || null;
    const { password, isActive, ...rest } = form;
    const input = user ? { id: user.id, version: user.version, ...rest, roleId, isActive } : { ...rest, password, roleId };
    const found = zodFieldErrors(t, user ? userUpdateInput : userCreateInput, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await send(async () => {
      if (user) await api.call('users.update', { id: user.id, version: user.version, ...rest, roleId, isActive });
      else await api.call('users.create', { ...rest, password, roleId });
      toast.success(user ? t('users.updated') : t('users.created'));
      void useAdmin.getState().loadUsers();
      onClose();
    });
  }

  return (
    <Modal title={user ? t('users.editTitle', { name: user.fullName }) : t('users.createTitle')} open onClose={onClose} footer={<FormFooter formId="user-form" busy={busy} submit={t('common:actions.save')} onClose={onClose} />}>
      <form id="user-form" onSubmit={submit} noValidate>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <div className="form-grid">
          <div className="full">
            <Field label={t('users.fullName')} error={errors.fullName}>
              <input {...bind('fullName')} autoComplete="off" />
            </Field>
          </div>
          <Field label={t('users.email')} error={errors.email}>
            <input {...bind('email')} type="email" autoComplete="off" />
          </Field>
          <Field label={t('users.username')} error={errors.username}>
            <input {...bind('username')} autoComplete="off" />
          </Field>
          {!user && (
            <Field label={t('users.password')} error={errors.password} hint={t('users.passwordHint')}>
              <input {...bind('password')} type="password" autoComplete="new-password" />
            </Field>
          )}
          <Field label={t('users.role')} error={errors.roleId}>
            <select value={form.roleId} onChange={(e) => setForm({ ...form, roleId: e.target.value })}>
              <option value="">{t('users.noRole')}</option>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {roleNameWords(t, r.name)}
                </option>
              ))}
            </select>
          </Field>
          {user && (
            <label className="check-line full">
              <input type="checkbox" checked={form.isActive} onChange={(e) => setForm({ ...form, isActive: e.target.checked })} />
              {t('users.active')}
            </label>
          )}
          {left && (
            <p className="muted full" role="status">
              {left}
            </p>
          )}
        </div>
      </form>
    </Modal>
  );
}

function PasswordForm({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 10) return setError(t('common:validation.tooShort', { min: 10 }));
    setBusy(true);
    try {
      await api.call('users.resetPassword', { id: user.id, newPassword: password });
      toast.success(t('users.passwordReset', { name: user.fullName }));
      onClose();
    } catch (e) {
      setError(adminError(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={t('users.resetTitle', { name: user.fullName })} open onClose={onClose} footer={<FormFooter formId="password-form" busy={busy} submit={t('users.resetSubmit')} onClose={onClose} />}>
      <form id="password-form" onSubmit={submit} noValidate>
        <p className="muted">{t('users.resetIntro')}</p>
        <Field label={t('users.newPassword')} error={error} hint={t('users.passwordHint')}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
      </form>
    </Modal>
  );
}

/**
 * What deactivating `userId` leaves behind, in words: the OTs they still hold (scheduled, in progress) stay theirs and on
 * the board, in a row marked as deactivated, until moved. Null while unknown, when they hold none, or when `asked` is
 * false (only a hint: without it the dialog and the form still say what deactivating does).
 */
function useOpenWorkOrdersWords(userId: string, asked = true): string | null {
  const { t, i18n } = useTranslation('admin');
  const [open, setOpen] = useState<OpenWorkOrderCounts | null>(null);
  useEffect(() => {
    if (!asked) return;
    let current = true;
    api.call('users.openWorkOrders', { id: userId }).then(
      (counts) => current && setOpen(counts),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId, asked]);
  const held = [
    open?.scheduled ? t('users.openScheduled', { count: open.scheduled }) : null,
    open?.inProgress ? t('users.openInProgress', { count: open.inProgress }) : null,
  ].filter((words): words is string => words !== null);
  if (!asked || held.length === 0) return null;
  return t('users.openWorkOrders', { what: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(held) });
}

function DeactivateDialog({ user, onConfirm, onClose }: { user: UserDto; onConfirm: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const left = useOpenWorkOrdersWords(user.id);
  return (
    <ConfirmDialog
      title={t('users.deactivate')}
      text={t('users.confirmDeactivate', { name: user.fullName })}
      detail={left}
      confirmLabel={t('users.deactivate')}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

export function UsersSection() {
  const { t } = useTranslation('admin');
  const { users, query, error, loadUsers, loadRoles, setQuery } = useAdmin();
  const me = useSession((s) => s.user);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void loadUsers();
    void loadRoles();
  }, [loadUsers, loadRoles]);
  useDomainEvents((e) => e.entity === 'user' || e.entity === 'role', () => void loadUsers());

  async function deactivate(user: UserDto) {
    await api.call('users.deactivate', { id: user.id, version: user.version });
    toast.success(t('users.deactivated', { name: user.fullName }));
    void loadUsers();
  }

  return (
    <section aria-labelledby="admin-section-title">
      <SectionHeader title={t('sections.users')} query={query.users} onQuery={(q) => setQuery('users', q)}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ mode: 'create' })}>
          <Plus size={14} aria-hidden="true" />
          {t('users.new')}
        </button>
      </SectionHeader>
      {error ? <div className="alert" role="alert">{adminError(t, error)}</div> : null}
      <table className="table admin-table users-table">
        <caption className="sr-only">{t('sections.users')}</caption>
        {/* Fixed column widths (admin.css): the table fits its section at 1024 px. */}
        <colgroup>
          <col />
          <col className="col-email" />
          <col className="col-role" />
          <col className="col-status" />
          <col className="col-lastLogin" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              {t('users.fullName')} <span className="muted">· {t('users.username')}</span>
            </th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.lastLogin')}</th>
            <th scope="col"><span className="sr-only">{t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.isActive ? undefined : 'row-inactive'}>
              <td>
                <strong>{u.fullName}</strong>
                {u.id === me?.id && <span className="muted"> · {t('users.you')}</span>}
                {/* The username under the name: one column less, so the table fits 1024 px. */}
                <div className="mono muted">{u.username}</div>
              </td>
              <td className="cell-line" title={u.email}>
                {u.email}
              </td>
              {/* The superuser's two words wrap rather than cut ("Administrad…"); the tooltip says what they mean. */}
              <td className={u.isSuperuser ? undefined : 'cell-line'} title={u.isSuperuser ? `${roleWords(t, u) ?? ''}: ${roleHint(t, u) ?? ''}` : (roleWords(t, u) ?? t('users.noRole'))}>
                {roleWords(t, u) ?? <span className="muted">{t('users.noRole')}</span>}
              </td>
              <td>
                <span className={`badge ${u.isActive ? 'badge-ot-completed' : 'badge-status-closed'}`}>{u.isActive ? t('users.activeBadge') : t('users.inactiveBadge')}</span>
              </td>
              <td className="muted">{u.lastLoginAt ? formatRelative(u.lastLoginAt) : t('users.never')}</td>
              <td className="row-actions">
                <button type="button" className="btn btn-ghost btn-icon" onClick={() => setEditing({ mode: 'edit', user: u })} aria-label={t('users.editLabel', { name: u.fullName })} title={t('common:actions.edit')}>
                  <Pencil size={14} aria-hidden="true" />
                </button>
                <button type="button" className="btn btn-ghost btn-icon" onClick={() => setEditing({ mode: 'password', user: u })} aria-label={t('users.resetLabel', { name: u.fullName })} title={t('users.resetSubmit')}>
                  <KeyRound size={14} aria-hidden="true" />
                </button>
                {u.isActive && u.id !== me?.id && (
                  <button type="button" className="btn btn-ghost btn-icon" onClick={() => setEditing({ mode: 'deactivate', user: u })} aria-label={t('users.deactivateLabel', { name: u.fullName })} title={t('users.deactivate')}>
                    <UserX size={14} aria-hidden="true" />
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing?.mode === 'password' && <PasswordForm user={editing.user} onClose={() => setEditing(null)} />}
      {(editing?.mode === 'create' || editing?.mode === 'edit') && <UserForm editing={editing} onClose={() => setEditing(null)} />}
      {editing?.mode === 'deactivate' && <DeactivateDialog user={editing.user} onConfirm={() => deactivate(editing.user)} onClose={() => setEditing(null)} />}
    </section>
  );
}
