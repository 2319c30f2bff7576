// Placeholder until this screen lands.
import { useTranslation } from 'react-i18next';

export default function AdminScreen({ section }: { section?: string | undefined }) {
  const { t } = useTranslation();
  void section;
  return <div className="empty">{t('common:errors.code.NOT_IMPLEMENTED')}</div>;
}
