// Two customers with the same name made on two copies: they are different customers, or one entered twice (merge).
import { Merge } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCustomerConflictDto, DuplicateCustomerDto } from '../../../../electron/contract/conflicts';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { formatNumber } from '../../lib/format';
import { whoOf } from './describe';
import { Facts, Failure, Side, Stamp, useResolve } from './parts';

export function DuplicateCustomerConflict({ conflict, open }: { conflict: DuplicateCustomerConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const [note, setNote] = useState('');
  const [merging, setMerging] = useState<DuplicateCustomerDto | null>(null);
  const withNote = note.trim() ? { note: note.trim() } : {};

  function keepBoth(event: FormEvent) {
    event.preventDefault();
    void resolve({ action: 'keep_both', ...withNote });
  }

  return (
    <>
      <div className="conflict-sides">
        {conflict.customers.map((c, index) => (
          <Side
            key={c.id}
            label={t('customer.sideLabel', { n: index + 1, who: whoOf(t, c.created) })}
            title={c.name}
            tag={c.exists ? undefined : <span className="badge badge-status-closed">{t('customer.removed')}</span>}
            actions={
              open &&
              c.exists && (
                <button type="button" className="btn" disabled={busy} onClick={() => setMerging(c)} aria-label={t('customer.mergeLabel', { n: index + 1, who: whoOf(t, c.created) })}>
                  <Merge size={14} aria-hidden="true" />
                  {t('customer.merge')}
                </button>
              )
            }
          >
            <Stamp stamp={c.created} verb={t('customer.createdBy')} />
            <Facts
              rows={[
                [t('customer.contact'), c.contactName],
                [t('customer.phone'), c.phone],
                [t('customer.email'), c.email],
                [t('customer.address'), c.address],
                [t('customer.tickets'), formatNumber(c.ticketCount)],
              ]}
            />
          </Side>
        ))}
      </div>
      {open && (
        <form className="conflict-actions" onSubmit={keepBoth} noValidate>
          <Failure text={failure} />
          <Field label={t('note')} hint={t('noteHint')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('customer.keepBoth')}
          </button>
        </form>
      )}
      {merging && (
        <Modal
          title={t('customer.mergeTitle', { name: merging.name })}
          open
          onClose={() => setMerging(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setMerging(null)}>
                {t('common:actions.cancel')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => {
                  const keepId = merging.id;
                  setMerging(null);
                  void resolve({ action: 'merge', keepId, ...withNote });
                }}
              >
                {t('customer.mergeConfirm')}
              </button>
            </>
          }
        >
          <p>{t('customer.confirmMerge', { name: merging.name, who: whoOf(t, merging.created), count: conflict.customers.length - 1 })}</p>
        </Modal>
      )}
    </>
  );
}
