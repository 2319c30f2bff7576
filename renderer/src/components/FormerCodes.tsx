// The codes a ticket or OT had before its computer joined a team (renumbered into its slot): beside the code, so the
// person who searched an old code sees which it was.
import { useTranslation } from 'react-i18next';
import type { FormerCodeMatch } from '../../../electron/contract';

export function FormerCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation('common');
  if (codes.length === 0) return null;
  return (
    <span className="muted former-codes" title={t('formerCodes.hint')}>
      {t('formerCodes.text', { codes: codes.join(', ') })}
    </span>
  );
}

/** In a list found by search: the former code the search matched, the ticket's own or one of its OTs' (short: a row). */
export function MatchedFormerCode({ match }: { match: FormerCodeMatch }) {
  const { t } = useTranslation('common');
  return (
    <span className="muted former-codes" title={match.workOrderCode ? t('formerCodes.ofWorkOrder', { workOrder: match.workOrderCode, code: match.code }) : t('formerCodes.hint')}>
      {match.workOrderCode ? t('formerCodes.ofItsWorkOrder', { code: match.code }) : t('formerCodes.text', { codes: match.code })}
    </span>
  );
}
