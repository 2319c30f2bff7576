// Asks before a part comes off the OT: the bin sits beside the serial, a tap by mistake on a touch screen lost a
// logged serial without a word (and a signed report goes stale when a part changes).
import { useTranslation } from 'react-i18next';
import type { WorkOrderItemDto } from '../../../../electron/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { workOrderError } from './actions';

export function partName(item: WorkOrderItemDto): string {
  return [item.productName ?? item.description ?? '', item.serialNumber ?? ''].filter(Boolean).join(' · ');
}

export function RemovePartDialog({ item, onRemove, onClose }: { item: WorkOrderItemDto; onRemove: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation('workOrders');
  return (
    <ConfirmDialog
      title={t('items.removeTitle')}
      text={t('items.removeText', { part: partName(item) })}
      confirmLabel={t('common:actions.remove')}
      onConfirm={onRemove}
      onClose={onClose}
      describeError={(error) => workOrderError(t, error)}
    />
  );
}
