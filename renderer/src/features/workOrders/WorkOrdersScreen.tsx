// Placeholder until this screen lands.
import { useTranslation } from 'react-i18next';

export default function WorkOrdersScreen({ workOrderId }: { workOrderId?: string | undefined }) {
  const { t } = useTranslation();
  void workOrderId;
  return <div className="empty">{t('common:errors.code.NOT_IMPLEMENTED')}</div>;
}
