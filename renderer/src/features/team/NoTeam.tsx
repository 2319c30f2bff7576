// Not in a team yet: create one on this computer, or join one with the invitation file an admin made.
import { FileKey2, LogIn, Users } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamJoinPreviewDto } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { useAdminForm } from '../admin/shared';
import { movedCodesText, slotLabel } from './format';
import { JoiningAccounts } from './JoiningAccounts';
import { JoinPreview } from './JoinPreview';
import { PairCard } from './PairCard';
import { useTeamStatus } from './statusStore';

function CreateTeamCard({ defaultDeviceName }: { defaultDeviceName: string }) {
  const { t } = useTranslation('team');
  const [name, setName] = useState('');
  const [deviceName, setDeviceName] = useState(defaultDeviceName);
  const { errors, setErrors, failure, busy, send } = useAdminForm(t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setErrors({ name: t('common:validation.required') });
    setErrors({});
    await send(async () => {
      const status = await api.call('team.create', { name: name.trim(), ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}) });
      useTeamStatus.setState({ status, error: null });
      toast.success(t('create.done', { name: name.trim() }));
    });
  }

  return (
    <form className="card team-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="team-create-title">
      <h3 id="team-create-title">
        <Users size={15} aria-hidden="true" />
        {t('create.title')}
      </h3>
      <p className="muted">{t('create.intro')}</p>
      {failure && <div className="alert" role="alert">{failure}</div>}
      <Field label={t('create.teamName')} error={errors.name} hint={t('create.teamNameHint')}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" maxLength={100} />
      </Field>
      <Field label={t('deviceName')} error={errors.deviceName} hint={t('deviceNameHint')}>
        <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} autoComplete="off" maxLength={100} />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('create.busy') : t('create.submit')}
      </button>
    </form>
  );
}

function JoinTeamCard({ defaultDeviceName }: { defaultDeviceName: string }) {
  const { t } = useTranslation('team');
  const [file, setFile] = useState<File | null>(null);
  const [deviceName, setDeviceName] = useState(defaultDeviceName);
  // This copy's accounts join the team with it (its admins as the team's): said and confirmed first, as when pairing.
  const [accountsConfirmed, setAccountsConfirmed] = useState(false);
  const { errors, setErrors, failure, busy, send } = useAdminForm(t);
  const picker = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<TeamJoinPreviewDto | null>(null);
  const [reading, setReading] = useState(false);
  // Only the last file picked is described (a slow read of an earlier one must not overwrite it).
  const lastPick = useRef(0);

  /** Reads the invitation as soon as it is picked: whose, which number, and what joining changes here, or why not. */
  async function pick(chosen: File | null) {
    const pickNumber = ++lastPick.current;
    setFile(chosen);
    setPreview(null);
    setErrors({});
    if (!chosen) return;
    setReading(true);
    try {
      const found = await api.call('team.previewJoin', { invite: await chosen.text() });
      if (pickNumber !== lastPick.current) return;
      setPreview(found);
      // The name the admin gave this computer on the invitation, unless one was typed here.
      if (found.memberName && deviceName === defaultDeviceName) setDeviceName(found.memberName);
    } catch (error) {
      if (pickNumber === lastPick.current) setErrors({ invite: errorMessage(t, error) });
    } finally {
      if (pickNumber === lastPick.current) setReading(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.invite = t('join.pickFirst');
    if (!accountsConfirmed) found.accounts = t('net.pair.accountsConfirmRequired');
    setErrors(found);
    if (!file || Object.keys(found).length > 0) return;
    await send(async () => {
      const invite = await file.text();
      const joined = await api.call('team.join', { invite, ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}) });
      useTeamStatus.setState({ status: joined.status, error: null });
      toast.success(t('join.done', { name: joined.status.team?.name ?? '', slot: slotLabel(joined.status.device.slot ?? 0) }));
      const { tickets, workOrders } = joined.renumbered;
      if (tickets + workOrders > 0) toast.info(t('join.renumbered', { what: movedCodesText(t, tickets, workOrders), count: tickets + workOrders }));
      const users = [
        joined.mergedUsers > 0 && t('join.usersMerged', { count: joined.mergedUsers }),
        joined.renamedUsers.length > 0 && t('join.usersRenamed', { count: joined.renamedUsers.length }),
      ].filter(Boolean);
      if (users.length > 0) toast.info(t('join.users', { parts: users.join('; ') }));
      // The team's account wins at the first import: say so now, not at the next sign-in that fails.
      if (joined.actorMerged) toast.info(t('join.actorMerged'));
    });
  }

  return (
    <form className="card team-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="team-join-title">
      <h3 id="team-join-title">
        <LogIn size={15} aria-hidden="true" />
        {t('join.title')}
      </h3>
      <p className="muted">{t('join.intro')}</p>
      {failure && <div className="alert" role="alert">{failure}</div>}
      <div className="field">
        <span className="field-label" id="team-invite-label">
          {t('join.file')}
        </span>
        {/* The native file input speaks the browser's language; a labelled button opens it instead. */}
        <input
          ref={picker}
          type="file"
          accept=".eminvite"
          hidden
          onChange={(e) => void pick(e.target.files?.[0] ?? null)}
        />
        <div className="btn-row">
          <button type="button" className="btn" aria-describedby="team-invite-label team-invite-file" onClick={() => picker.current?.click()}>
            <FileKey2 size={14} aria-hidden="true" />
            {file ? t('join.change') : t('join.pick')}
          </button>
          <span id="team-invite-file" className={file ? 'mono' : 'muted'}>
            {file ? file.name : t('join.noFile')}
          </span>
        </div>
        {errors.invite && (
          <small className="field-error" role="alert">
            {errors.invite}
          </small>
        )}
        {reading && <small className="muted">{t('join.reading')}</small>}
      </div>
      {preview && <JoinPreview preview={preview} />}
      <Field label={t('deviceName')} error={errors.deviceName} hint={t('deviceNameHint')}>
        <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} autoComplete="off" maxLength={100} />
      </Field>
      <JoiningAccounts confirmed={accountsConfirmed} onConfirmed={setAccountsConfirmed} error={errors.accounts} unified={preview ? new Map(Object.entries(preview.teamUsernames)) : undefined} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('join.busy') : t('join.submit')}
      </button>
    </form>
  );
}

/** A demo folder's accounts share the public demo password: it may found a team to try sync, never join one. */
function DemoCopyCard() {
  const { t } = useTranslation('team');
  return (
    <section className="card team-card" aria-labelledby="team-join-title">
      <h3 id="team-join-title">
        <LogIn size={15} aria-hidden="true" />
        {t('join.title')}
      </h3>
      <p>{t('noTeam.demoCopy')}</p>
    </section>
  );
}

export function NoTeam({ defaultDeviceName, canManage, demoCopy }: { defaultDeviceName: string; canManage: boolean; demoCopy: boolean }) {
  const { t } = useTranslation('team');
  if (!canManage) return <div className="empty">{t('noTeam.askAdmin')}</div>;
  return (
    <>
      <p className="team-lead">{t('noTeam.lead')}</p>
      <div className="team-cards">
        <CreateTeamCard defaultDeviceName={defaultDeviceName} />
        {demoCopy ? (
          <DemoCopyCard />
        ) : (
          <>
            <JoinTeamCard defaultDeviceName={defaultDeviceName} />
            {/* On the office LAN: the hub's code instead of an invitation file. */}
            <PairCard asCard />
          </>
        )}
      </div>
    </>
  );
}
