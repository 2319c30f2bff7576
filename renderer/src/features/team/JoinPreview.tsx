// An invitation file read before joining with it: whose team, which number this computer gets, until when, and what
// the join changes here (codes renumbered, the same people unified, usernames renamed, settings replaced). The server
// runs the join's merge and rolls it back, and counts the codes to renumber (team.previewJoin): what the join will do.
import { useTranslation } from 'react-i18next';
import type { TeamJoinPreviewDto } from '../../../../electron/contract';
import { formatDateTime } from '../../lib/format';
import { movedCodesText, replacedSettingText, slotLabel } from './format';

export function JoinPreview({ preview }: { preview: TeamJoinPreviewDto }) {
  const { t } = useTranslation('team');
  const { tickets, workOrders } = preview.renumbered;
  const renamed = preview.renamedUsers.map(({ from, to }) => `${from} → ${to}`).join(', ');
  return (
    <div className="net-joining" data-testid="join-preview">
      <p>
        {t('join.preview.invitation', { team: preview.team.name, inviter: preview.inviterName, slot: slotLabel(preview.slot), expires: formatDateTime(preview.expiresAt) })}
      </p>
      <ul aria-label={t('join.preview.label')}>
        <li>{tickets + workOrders > 0 ? t('join.preview.renumbered', { what: movedCodesText(t, tickets, workOrders), count: tickets + workOrders, slot: slotLabel(preview.slot) }) : t('join.preview.noCodes')}</li>
        {preview.mergedUsers > 0 && <li>{t('join.preview.merged', { count: preview.mergedUsers })}</li>}
        {renamed && <li>{t('join.preview.renamed', { count: preview.renamedUsers.length, renamed })}</li>}
        {preview.replacedSettings.length > 0 ? (
          <li>
            {t('join.preview.settings')}
            <ul>
              {preview.replacedSettings.map((setting) => (
                <li key={setting.key}>{replacedSettingText(t, setting)}</li>
              ))}
            </ul>
            {t('join.preview.settingsKept')}
          </li>
        ) : (
          <li>{t('join.preview.noSettings')}</li>
        )}
      </ul>
    </div>
  );
}
