// Asks before a part comes off the OT: the bin sits beside the serial, a tap by mistake on a touch screen lost a
// logged serial without a word (and a signed report goes stale when a part changes).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderItemDto } from '../../../../electron/contract';
import { Modal } from '../../components/Modal';

export function partName(item: WorkOrderItemDto): string {
  return [item.productName ?? item.description ?? '', item.serialNumber ?? ''].filter(Boolean).join(' · ');
}

export function RemovePartDialog({ item, onRemove, onClose }: { item: WorkOrderItemDto; onRemove: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation('workOrders');
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    await onRemove();
    setBusy(false);
    onClose();
  }
  return (
    <Modal
      title={t('items.removeTitle')}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
            {t('common:actions.remove')}
          </button>
        </>
      }
    >
      <p>{t('items.removeText', { part: partName(item) })}</p>
    </Modal>
  );
}
