// One serial number logged on two copies: they really are two parts (say why), or remove the entry made by mistake.
import { Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateSerialConflictDto, DuplicateSerialItemDto } from '../../../../electron/contract/conflicts';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { hrefFor } from '../../lib/router';
import { Facts, Failure, Side, Stamp, useResolve } from './parts';

export function DuplicateSerialConflict({ conflict, open }: { conflict: DuplicateSerialConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<DuplicateSerialItemDto | null>(null);

  function keep(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) return setError(t('serial.keepNoteRequired'));
    setError(undefined);
    void resolve({ action: 'keep', note: note.trim() });
  }

  return (
    <>
      <div className="conflict-sides">
        {conflict.items.map((item) => (
          <Side
            key={item.id}
            label={t('serial.sideLabel', { workOrder: item.workOrder?.code ?? '—' })}
            title={item.workOrder ? <a href={hrefFor({ name: 'workOrders', id: item.workOrder.id })}>{item.workOrder.code}</a> : '—'}
            tag={item.exists ? (item.workOrder ? <WorkOrderStatusBadge status={item.workOrder.status} /> : undefined) : <span className="badge badge-status-closed">{t('serial.removed')}</span>}
            actions={
              open &&
              item.exists && (
                <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setRemoving(item)} aria-label={t('serial.removeLabel', { workOrder: item.workOrder?.code ?? '—' })}>
                  <Trash2 size={14} aria-hidden="true" />
                  {t('serial.remove')}
                </button>
              )
            }
          >
            {item.ticket && (
              <p className="conflict-title">
                <span className="mono">{item.ticket.code}</span> · {item.ticket.title}
              </p>
            )}
            <Stamp stamp={item.logged} verb={t('serial.loggedBy')} />
            <Facts
              rows={[
                [t('serial.serial'), <span className="mono">{item.serialNumber}</span>],
                [t('serial.product'), item.productName],
                [t('serial.quantity'), String(item.quantity)],
              ]}
            />
          </Side>
        ))}
      </div>
      {open && (
        <form className="conflict-actions" onSubmit={keep} noValidate>
          <Failure text={failure} />
          <Field label={t('serial.keepNote')} error={error} hint={t('serial.keepHint')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('serial.keep')}
          </button>
        </form>
      )}
      {removing && (
        <Modal
          title={t('serial.removeTitle', { serial: removing.serialNumber })}
          open
          onClose={() => setRemoving(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setRemoving(null)}>
                {t('common:actions.cancel')}
              </button>
              <button
                type="button"
                className="btn btn-danger"
                disabled={busy}
                onClick={() => {
                  const itemId = removing.id;
                  setRemoving(null);
                  void resolve({ action: 'remove', itemId, ...(note.trim() ? { note: note.trim() } : {}) });
                }}
              >
                {t('serial.remove')}
              </button>
            </>
          }
        >
          <p>{t('serial.confirmRemove', { serial: removing.serialNumber, workOrder: removing.workOrder?.code ?? '—' })}</p>
        </Modal>
      )}
    </>
  );
}
