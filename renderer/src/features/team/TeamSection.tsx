// Administración → Equipo: create or join a team; in one, this device, the members, invitations (made and unused) and the file exchange.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFLICT_INBOX_ACCESS } from '../../../../electron/contract/access';
import { TEAM_ADMIN_ACCESS } from '../../../../electron/contract/team';
import { focusWasLost } from '../../lib/focus';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { adminError, SectionHeader } from '../admin/shared';
import { Exchange } from './Exchange';
import { shortId, slotLabel } from './format';
import { Invitations } from './Invitations';
import { Members } from './Members';
import { NetSync } from './NetSync';
import { NoTeam } from './NoTeam';
import { useTeamStatus, type TeamStatus } from './statusStore';
import { sentNotConfirmed } from '../../../../electron/contract/teamCounts';
import { noOtherMemberYet, nothingFromTeamYet } from './syncFooterText';
import './team.css';

function When({ iso }: { iso: string | null }) {
  const { t } = useTranslation('team');
  return iso ? <span title={formatDateTime(iso)}>{formatRelative(iso)}</span> : <span className="muted">{t('overview.never')}</span>;
}

/** `justJoined`: drawn in place of the create/join forms, whose button had the focus: the team's name takes it. */
function Overview({ status, justJoined }: { status: TeamStatus; justJoined: boolean }) {
  const { t } = useTranslation('team');
  const canResolve = useCan(CONFLICT_INBOX_ACCESS);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (justJoined && focusWasLost()) headingRef.current?.focus();
  }, [justJoined]);
  // One source (team status): paired with a hub, "not sent" is what the hub has not acknowledged.
  const unsent = status.unsentOps;
  const revokedAt = status.device.revokedAt;
  return (
    <section className="card team-overview" aria-labelledby="team-overview-title">
      <h3 id="team-overview-title" ref={headingRef} tabIndex={-1}>
        {status.team?.name}
      </h3>
      {revokedAt && (
        <div className="alert" role="alert">
          {t('overview.revoked', { when: formatDateTime(revokedAt) })}
        </div>
      )}
      <dl className="team-facts">
        <div>
          <dt>{t('overview.thisDevice')}</dt>
          <dd>
            <strong>{status.device.name}</strong> · {t('overview.slot', { slot: slotLabel(status.device.slot ?? 0) })}
            <div className="muted mono" title={status.device.id}>
              {shortId(status.device.id)}
            </div>
          </dd>
        </div>
        <div>
          <dt>{t('overview.lastExport')}</dt>
          <dd>
            <When iso={status.lastSentAt} />
          </dd>
        </div>
        <div>
          <dt>{t('overview.lastImport')}</dt>
          <dd>
            <When iso={status.lastReceivedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('overview.unsent')}</dt>
          <dd>{formatNumber(unsent)}</dd>
        </div>
        <div>
          <dt>{t('overview.unconfirmed')}</dt>
          <dd title={t('overview.unconfirmedHint')}>{formatNumber(sentNotConfirmed(status))}</dd>
        </div>
        <div>
          <dt>{t('overview.conflicts')}</dt>
          <dd>{canResolve && status.openConflicts > 0 ? <a href={hrefFor({ name: 'conflicts' })}>{formatNumber(status.openConflicts)}</a> : formatNumber(status.openConflicts)}</dd>
        </div>
        <div>
          <dt>{t('overview.setAside')}</dt>
          <dd title={status.setAside > 0 ? t('overview.setAsideHint') : undefined}>{formatNumber(status.setAside)}</dd>
        </div>
      </dl>
      {unsent > 0 && noOtherMemberYet(status) && <p className="muted team-alone">{t('overview.waitingFirstMember')}</p>}
      {nothingFromTeamYet(status) && (
        <p className="muted team-alone">{status.founderName ? t('overview.nothingFromTeamYet', { founder: status.founderName }) : t('overview.nothingFromTeamYetUnnamed')}</p>
      )}
    </section>
  );
}

/** Inside Administración (`titleId` names the section) or on its own screen for everyone else (`standalone`). */
export function TeamSection({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation('team');
  const status = useTeamStatus((s) => s.status);
  const error = useTeamStatus((s) => s.error);
  const canManage = useCan(TEAM_ADMIN_ACCESS);
  // This computer had no team while the section was open (it was just created or joined here).
  const hadNoTeam = useRef(false);
  if (status && !status.team) hadNoTeam.current = true;

  useEffect(() => void useTeamStatus.getState().load(), []);

  return (
    <section aria-labelledby={standalone ? 'team-screen-title' : 'admin-section-title'} className="team-section">
      {!standalone && <SectionHeader title={t('section')} />}
      {error ? <div className="alert" role="alert">{adminError(t, error)}</div> : null}
      {!status ? (
        <div className="empty">{t('common:state.loading')}</div>
      ) : !status.team ? (
        <NoTeam defaultDeviceName={status.device.name} canManage={canManage} demoCopy={status.demoCopy} />
      ) : (
        <div className="team-stack">
          <Overview status={status} justJoined={hadNoTeam.current} />
          <NetSync canManage={canManage} />
          <Members members={status.members} canManage={canManage} isFounder={status.isFounder} founderName={status.founderName} />
          {/* For administrators: what they made and nobody used yet, to call off when its file or laptop went missing. */}
          {canManage && <Invitations invitations={status.invitations} manages={status.device.revokedAt === null} />}
          {/* Every member carries their own changes: a technician exports and imports too. */}
          <Exchange members={status.members} />
        </div>
      )}
    </section>
  );
}
