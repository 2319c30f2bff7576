// Invitations made that no computer has joined with yet (as this copy knows): for whom, slot, who made it, until when.
// An admin calls one off when its file, or the laptop it was for, went missing before it joined.
import { MailX } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { focusWasLost } from '../../lib/focus';
import { formatDateTime, formatRelative } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { ConfirmDialog } from '../admin/shared';
import { slotLabel } from './format';
import { useTeamStatus, type TeamStatus } from './statusStore';
import { TeamTableHead } from './TeamTableHead';

type TeamInvitation = TeamStatus['invitations'][number];

/** `manages`: may cancel (an administrator on a copy the team has not revoked). Nothing shows while none is open. */
export function Invitations({ invitations, manages }: { invitations: TeamInvitation[]; manages: boolean }) {
  const { t } = useTranslation('team');
  const [cancelling, setCancelling] = useState<TeamInvitation | null>(null);
  // The row whose Anular had the focus goes with the cancel: the focus moves to the next row's (or the previous one's),
  // and with the last one to the Miembros heading, not to the top of the page.
  const focusAfterCancel = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const target = focusAfterCancel.current;
    if (target === undefined || cancelling !== null) return;
    focusAfterCancel.current = undefined;
    if (!focusWasLost()) return;
    const button = target === null ? null : document.querySelector<HTMLElement>(`[data-cancel-invitation="${target}"]`);
    (button ?? document.getElementById('team-members-title'))?.focus();
  }, [cancelling, invitations]);
  if (invitations.length === 0) return null;
  // "nº 03 (Portátil de Tomás)": the slot tells two apart when nobody typed a name.
  const words = (invitation: TeamInvitation) => ({ slot: slotLabel(invitation.slot), name: invitation.memberName ?? t('invitations.noName') });

  return (
    <section className="card team-invitations" aria-labelledby="team-invitations-title">
      <h3 id="team-invitations-title">{t('invitations.title')}</h3>
      <p className="muted">{t('invitations.intro')}</p>
      <table className="table admin-table">
        <TeamTableHead
          caption={t('invitations.title')}
          columns={[t('invitations.for'), t('members.slot'), t('invitations.madeBy'), t('invitations.expiry')]}
          actions={manages}
        />
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id} className={invitation.expired ? 'row-inactive' : undefined}>
              <td>{invitation.memberName ? <strong>{invitation.memberName}</strong> : <span className="muted">{t('invitations.noName')}</span>}</td>
              <td className="mono">{slotLabel(invitation.slot)}</td>
              <td>
                {invitation.madeBy ?? <span className="muted">{t('invitations.unknownMaker')}</span>}
                <div className="muted" title={formatDateTime(invitation.createdAt)}>
                  {formatRelative(invitation.createdAt)}
                </div>
              </td>
              <td>
                {invitation.expired ? (
                  <span className="badge badge-status-closed">{t('invitations.expired', { when: formatDateTime(invitation.expiresAt) })}</span>
                ) : (
                  t('invitations.until', { when: formatDateTime(invitation.expiresAt) })
                )}
              </td>
              {manages && (
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-ghost"
                    data-cancel-invitation={invitation.id}
                    onClick={() => setCancelling(invitation)}
                    aria-label={t('invitations.cancelLabel', words(invitation))}
                  >
                    <MailX size={14} aria-hidden="true" />
                    {t('invitations.cancel')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {cancelling && (
        <ConfirmDialog
          title={t('invitations.cancelTitle', words(cancelling))}
          text={t('invitations.confirmCancel')}
          confirmLabel={t('invitations.cancelConfirm')}
          onConfirm={async () => {
            const status = await api.call('team.cancelInvitation', { id: cancelling.id });
            const at = invitations.findIndex((invitation) => invitation.id === cancelling.id);
            const left = status.invitations.map((invitation) => invitation.id);
            focusAfterCancel.current = [...invitations.slice(at + 1), ...invitations.slice(0, at).reverse()].find((invitation) => left.includes(invitation.id))?.id ?? null;
            useTeamStatus.setState({ status, error: null });
            toast.success(t('invitations.cancelledToast', words(cancelling)));
          }}
          onClose={() => setCancelling(null)}
        />
      )}
    </section>
  );
}
