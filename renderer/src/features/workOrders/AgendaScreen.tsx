// Placeholder until this screen lands.
import { useTranslation } from 'react-i18next';

export default function AgendaScreen() {
  const { t } = useTranslation();
  
  return <div className="empty">{t('common:errors.code.NOT_IMPLEMENTED')}</div>;
}
