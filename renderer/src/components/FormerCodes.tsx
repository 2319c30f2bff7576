// The codes a ticket or OT had before its computer joined a team (renumbered into its slot): beside the code, so the
// person who searched an old code sees which it was.
import { useTranslation } from 'react-i18next';

export function FormerCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation('common');
  if (codes.length === 0) return null;
  return (
    <span className="muted former-codes" title={t('formerCodes.hint')}>
      {t('formerCodes.text', { codes: codes.join(', ') })}
    </span>
  );
}
