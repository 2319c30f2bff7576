// The team's members (slot, last contact, active or revoked), inviting a new one with a file, revoking one.
import { MailPlus, UserMinus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { saveFile } from '../../lib/download';
import { formatDateTime, formatRelative } from '../../lib/format';
import { uiLanguage } from '../../lib/reportLanguage';
import { toast } from '../../stores/toasts';
import { ConfirmDialog, FormFooter, useAdminForm } from '../admin/shared';
import { shortId, slotLabel } from './format';
import { useTeamStatus, type TeamMember } from './statusStore';
import { TeamTableHead } from './TeamTableHead';

const VALIDITY_HOURS = [24, 72, 168] as const;

function InviteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('team');
  const [memberName, setMemberName] = useState('');
  const [validHours, setValidHours] = useState<number>(72);
  const [made, setMade] = useState<{ fileName: string; expiresAt: string } | null>(null);
  const { failure, busy, send } = useAdminForm(t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await send(async () => {
      const expiresAt = new Date(Date.now() + validHours * 3_600_000).toISOString();
      const file = await api.call('team.invite', { validHours, language: uiLanguage(), ...(memberName.trim() ? { memberName: memberName.trim() } : {}) });
      saveFile(file);
      setMade({ fileName: file.fileName, expiresAt });
      void useTeamStatus.getState().load();
    });
  }

  if (made) {
    return (
      <Modal
        title={t('invite.title')}
        open
        onClose={onClose}
        footer={
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('invite.understood')}
          </button>
        }
      >
        <p role="status">{t('invite.done', { file: made.fileName })}</p>
        <p className="team-warning">{t('invite.handOver', { when: formatDateTime(made.expiresAt) })}</p>
      </Modal>
    );
  }
  return (
    <Modal title={t('invite.title')} open onClose={onClose} footer={<FormFooter formId="team-invite-form" busy={busy} submit={t('invite.submit')} onClose={onClose} />}>
      <form id="team-invite-form" onSubmit={(e) => void submit(e)} noValidate>
        {failure && <div className="alert" role="alert">{failure}</div>}
        <p className="muted">{t('invite.intro')}</p>
        <Field label={t('invite.memberName')} hint={t('invite.memberNameHint')}>
          <input value={memberName} onChange={(e) => setMemberName(e.target.value)} autoComplete="off" maxLength={100} />
        </Field>
        <Field label={t('invite.validity')}>
          <select value={validHours} onChange={(e) => setValidHours(Number(e.target.value))}>
            {VALIDITY_HOURS.map((hours) => (
              <option key={hours} value={hours}>
                {t(`invite.hours.${hours}`)}
              </option>
            ))}
          </select>
        </Field>
        <p className="team-warning">{t('invite.warning')}</p>
      </form>
    </Modal>
  );
}

/** Invitations are made only where the team was created (slots are numbered there); elsewhere, say where. */
export function Members({ members, canManage, isFounder, founderName }: { members: TeamMember[]; canManage: boolean; isFounder: boolean; founderName: string | null }) {
  const { t } = useTranslation('team');
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<TeamMember | null>(null);
  // A revoked copy manages nothing: the others refuse its invitations and revocations as they refuse the rest.
  const manages = canManage && !members.some((m) => m.isSelf && m.revokedAt);

  return (
    <section className="card team-members" aria-labelledby="team-members-title">
      <div className="team-card-head">
        {/* Focusable from script only: where the focus goes when the last unused invitation is cancelled (Invitations). */}
        <h3 id="team-members-title" tabIndex={-1}>
          {t('members.title')}
        </h3>
        <span className="spacer" />
        {manages && isFounder && (
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
            <MailPlus size={14} aria-hidden="true" />
            {t('invite.open')}
          </button>
        )}
        {manages && !isFounder && <p className="muted team-invite-elsewhere">{founderName ? t('invite.elsewhere', { name: founderName }) : t('invite.elsewhereUnknown')}</p>}
      </div>
      <table className="table admin-table">
        <TeamTableHead
          caption={t('members.title')}
          columns={[t('members.name'), t('members.slot'), t('members.joined'), t('members.lastContact'), t('members.state')]}
          actions={manages}
        />
        <tbody>
          {members.map((m) => (
            <tr key={m.deviceId} className={m.revokedAt ? 'row-inactive' : undefined}>
              <td>
                <strong>{m.name}</strong>
                {m.isSelf && <span className="muted"> · {t('members.self')}</span>}
                {m.isHub && <span className="muted"> · {t('members.hub')}</span>}
                <div className="muted mono" title={m.deviceId}>
                  {shortId(m.deviceId)}
                </div>
              </td>
              <td className="mono">{slotLabel(m.slot)}</td>
              <td className="muted" title={formatDateTime(m.joinedAt)}>
                {formatRelative(m.joinedAt)}
              </td>
              <td className="muted" title={m.lastContactAt ? formatDateTime(m.lastContactAt) : undefined}>
                {m.isSelf ? t('members.now') : m.lastContactAt ? formatRelative(m.lastContactAt) : t('members.never')}
              </td>
              <td>
                <span className={`badge ${m.revokedAt ? 'badge-status-closed' : 'badge-ot-completed'}`}>{m.revokedAt ? t('members.revoked') : t('members.active')}</span>
              </td>
              {manages && (
                <td className="row-actions">
                  {!m.isSelf && !m.revokedAt && (
                    <button type="button" className="btn btn-ghost" onClick={() => setRevoking(m)} aria-label={t('members.revokeLabel', { name: m.name })}>
                      <UserMinus size={14} aria-hidden="true" />
                      {t('members.revoke')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
      {revoking && (
        <ConfirmDialog
          title={t('members.revokeTitle', { name: revoking.name })}
          text={t(revoking.isHub ? 'members.confirmRevokeHub' : 'members.confirmRevoke', { name: revoking.name })}
          confirmLabel={t('members.revokeConfirm')}
          onConfirm={async () => {
            const status = await api.call('team.revoke', { deviceId: revoking.deviceId });
            useTeamStatus.setState({ status, error: null });
            toast.success(t('members.revokedToast', { name: revoking.name }));
          }}
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
