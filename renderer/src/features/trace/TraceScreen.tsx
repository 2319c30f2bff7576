// Placeholder until this screen lands.
import { useTranslation } from 'react-i18next';

export default function TraceScreen({ serial }: { serial?: string | undefined }) {
  const { t } = useTranslation();
  void serial;
  return <div className="empty">{t('common:errors.code.NOT_IMPLEMENTED')}</div>;
}
