// Roles: each role's permissions as a checklist with plain-language labels.
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission, type RoleDto } from '../../../../electron/contract';
import { roleCreateInput } from '../../../../electron/contract/users';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { zodFieldErrors } from '../../lib/forms';
import { useDomainEvents } from '../../lib/live';
import { toast } from '../../stores/toasts';
import { ConfirmDialog, SectionHeader, useAdminForm } from './shared';
import { useAdmin } from './store';
import { roleNameWords } from '../../lib/roleWords';

/** i18next reads ':' as a namespace separator, so permission keys use '_' ('*' is 'all'). */
export const permissionKey = (p: string) => (p === '*' ? 'all' : p.replace(':', '_'));

function RoleEditor({ role, onSaved }: { role: RoleDto | null; onSaved: (role: RoleDto) => void }) {
  const { t } = useTranslation('admin');
  const [name, setNameState] = useState(role?.name ?? '');
  const [permissions, setPermissionsState] = useState<string[]>(role?.permissions ?? []);
  // The version the form was filled from (not the list's newest): saving over someone else's change is a CONFLICT.
  const [version, setVersion] = useState(role?.version ?? 0);
  const [deleting, setDeleting] = useState(false);
  // Once the person has typed, a live refresh of the list must not wipe it; a reload after a CONFLICT must refill.
  const edited = useRef(false);
  const refillNext = useRef(false);
  const nameInput = useRef<HTMLInputElement>(null);
  // "Nuevo rol" opens an empty form: the name box takes the focus (it stayed on the button).
  useEffect(() => {
    if (role === null) nameInput.current?.focus();
  }, [role]);
  const setName = (next: string) => {
    edited.current = true;
    setNameState(next);
  };
  const setPermissions = (next: string[]) => {
    edited.current = true;
    setPermissionsState(next);
  };
  const { errors, setErrors, failure, busy, send } = useAdminForm(t, {
    fields: ['name', 'permissions'],
    // The list's new copy of this role arrives as `role` and the effect below refills the form with it.
    reload: async () => {
      refillNext.current = true;
      await useAdmin.getState().loadRoles();
    },
  });

  // The same role read again (saved, or reloaded after someone else's save): its new values and version, keeping the
  // message that says why; what the person is typing stays. Another role is another editor (keyed by the section).
  useEffect(() => {
    if (edited.current && !refillNext.current) return;
    edited.current = false;
    refillNext.current = false;
    setNameState(role?.name ?? '');
    setPermissionsState(role?.permissions ?? []);
    setVersion(role?.version ?? 0);
  }, [role]);

  const all = permissions.includes('*');
  const toggle = (p: Permission, on: boolean) => setPermissions(on ? [...permissions, p] : permissions.filter((x) => x !== p));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { name, permissions: PERMISSIONS.filter((p) => permissions.includes(p)) };
    const found = zodFieldErrors(t, roleCreateInput, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await send(async () => {
      const saved = role ? await api.call('roles.update', { id: role.id, version, ...input }) : await api.call('roles.create', input);
      toast.success(t('roles.saved', { name: saved.name }));
      edited.current = false;
      await useAdmin.getState().loadRoles();
      onSaved(saved);
    });
  }

  return (
    <form className="card role-editor" onSubmit={submit} noValidate aria-label={role ? t('roles.editTitle', { name: roleNameWords(t, role.name) }) : t('roles.new')}>
      {failure && <div className="alert" role="alert">{failure}</div>}
      <Field label={t('roles.name')} error={errors.name}>
        <input ref={nameInput} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="perm-list">
        <legend>{t('roles.permissions')}</legend>
        {PERMISSIONS.map((p) => (
          <label key={p} className={`perm${p === '*' ? ' perm-all' : ''}`}>
            {/* Full access includes every other permission: shown ticked (and locked) while it is on, the saved list stays as chosen. */}
            <input type="checkbox" checked={permissions.includes(p) || (all && p !== '*')} disabled={all && p !== '*'} onChange={(e) => toggle(p, e.target.checked)} />
            <span>
              <strong>{t(`perm.${permissionKey(p)}.label`)}</strong>
              <span className="muted">{t(`perm.${permissionKey(p)}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common:actions.save')}
        </button>
        {role && (
          // A role someone holds cannot be deleted (the service refuses it): say so instead of offering it.
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => setDeleting(true)}
            disabled={role.userCount > 0}
            title={role.userCount > 0 ? t('roles.deleteInUse') : undefined}
          >
            <Trash2 size={14} aria-hidden="true" />
            {t('roles.delete')}
          </button>
        )}
        {role && <span className="muted">{t('roles.userCount', { count: role.userCount })}</span>}
      </div>
      {deleting && role && (
        <ConfirmDialog
          title={t('roles.delete')}
          text={t('roles.confirmDelete', { name: roleNameWords(t, role.name) })}
          confirmLabel={t('common:actions.delete')}
          onConfirm={async () => {
            await api.call('roles.delete', { id: role.id });
            toast.success(t('roles.deleted', { name: roleNameWords(t, role.name) }));
            await useAdmin.getState().loadRoles();
          }}
          onClose={() => setDeleting(false)}
        />
      )}
    </form>
  );
}

export function RolesSection() {
  const { t } = useTranslation('admin');
  const { roles, loadRoles } = useAdmin();
  const [selectedId, setSelectedId] = useState<string | 'new' | null>(null);

  useEffect(() => void loadRoles(), [loadRoles]);
  useDomainEvents((e) => e.entity === 'role', () => void loadRoles());

  const selected = selectedId === 'new' ? null : (roles.find((r) => r.id === selectedId) ?? roles[0] ?? null);
  return (
    <section aria-labelledby="admin-section-title">
      <SectionHeader title={t('sections.roles')}>
        <button type="button" className="btn btn-primary" onClick={() => setSelectedId('new')}>
          <Plus size={14} aria-hidden="true" />
          {t('roles.new')}
        </button>
      </SectionHeader>
      <div className="roles-layout">
        <ul className="role-list" aria-label={t('sections.roles')}>
          {roles.map((r) => (
            <li key={r.id}>
              <button type="button" className="role-item" aria-current={selectedId !== 'new' && selected?.id === r.id ? 'true' : undefined} onClick={() => setSelectedId(r.id)}>
                <strong>{roleNameWords(t, r.name)}</strong>
                <span className="muted">
                  {r.permissions.includes('*') ? t('perm.all.label') : t('roles.permissionCount', { count: r.permissions.length })} · {t('roles.userCount', { count: r.userCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {/* One editor per role: its first drawing already holds that role's boxes (kept, it showed the previous role's
            for one frame, and a box ticked then was undone by the refill). */}
        <RoleEditor key={selected?.id ?? 'new'} role={selected} onSaved={(r) => setSelectedId(r.id)} />
      </div>
    </section>
  );
}
