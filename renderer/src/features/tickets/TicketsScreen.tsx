// Placeholder until this screen lands.
import { useTranslation } from 'react-i18next';

export default function TicketsScreen({ ticketId }: { ticketId?: string | undefined }) {
  const { t } = useTranslation();
  void ticketId;
  return <div className="empty">{t('common:errors.code.NOT_IMPLEMENTED')}</div>;
}
