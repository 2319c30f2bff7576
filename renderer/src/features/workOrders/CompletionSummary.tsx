// The completion dialog's last step: what the report will say (work done, parts in and out, duration and why it was
// changed, checklist, signatures), read once more before the OT is closed for good.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import type { ChecklistDto } from '../../../../electron/contract/checklists';
import type { SignatureDto } from '../../../../electron/contract/signatures';
import { SIGNATURE_ROLES } from '../../../../shared/enums';
import { api } from '../../api/client';
import { formatDuration } from '../../lib/format';
import { QuantityWithUnit } from './WorkOrderItems';

interface Props {
  workOrder: WorkOrderDetail;
  workDone: string;
  /** Seconds that will be recorded; null when nothing was measured nor typed. */
  seconds: number | null;
  /** Set when the typed duration replaces the measured one. */
  durationReason: string | null;
}

/** The checklist and signatures as stored now (null while loading or when this user may not read them). */
function useFieldCapture(id: string) {
  const [checklist, setChecklist] = useState<ChecklistDto | null>(null);
  const [signatures, setSignatures] = useState<SignatureDto[] | null>(null);
  useEffect(() => {
    let current = true;
    api.call('workOrders.checklist', { id }).then((c) => current && setChecklist(c), () => current && setChecklist(null));
    api.call('workOrders.signatures', { id }).then((s) => current && setSignatures(s), () => current && setSignatures(null));
    return () => {
      current = false;
    };
  }, [id]);
  return { checklist, signatures };
}

export function CompletionSummary({ workOrder, workDone, seconds, durationReason }: Props) {
  const { t } = useTranslation('workOrders');
  const { checklist, signatures } = useFieldCapture(workOrder.id);
  // A signature covers the work done as saved: a different text here makes it stale once completed.
  const workDoneChanged = workDone.trim() !== (workOrder.workDone ?? '').trim();
  return (
    <div className="completion-summary" aria-labelledby="completion-summary-title">
      <h3 id="completion-summary-title">{t('summary.title')}</h3>
      <p className="muted">{t('summary.intro', { code: workOrder.code })}</p>
      <dl className="completion-facts">
        <dt>{t('summary.workDone')}</dt>
        <dd className="completion-work-done">{workDone}</dd>
        <dt>{t('summary.parts')}</dt>
        <dd>
          {workOrder.items.length === 0 ? (
            <span className="muted">{t('summary.noParts')}</span>
          ) : (
            <ul className="completion-parts">
              {workOrder.items.map((item) => (
                <li key={item.id}>
                  <span className={`item-direction is-${item.direction}`}>{t(`items.${item.direction}`)}</span>{' '}
                  {item.productName ?? item.description ?? t('items.noProduct')} · <QuantityWithUnit quantity={item.quantity} unit={item.unit} />
                  {item.serialNumber && (
                    <>
                      {' '}
                      · <span className="mono">{item.serialNumber}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('summary.duration')}</dt>
        <dd>
          {seconds === null ? t('complete.notMeasured') : formatDuration(seconds)}
          {durationReason ? <span className="muted"> · {t('summary.typed', { reason: durationReason })}</span> : seconds !== null && <span className="muted"> · {t('summary.measured')}</span>}
        </dd>
        {checklist && checklist.counts.total > 0 && (
          <>
            <dt>{t('summary.checklist')}</dt>
            <dd>
              {t('summary.checklistCount', { answered: checklist.counts.answered, total: checklist.counts.total })}
              {checklist.counts.missingRequired.length > 0 && (
                <div className="completion-warning" role="note">
                  {t('summary.checklistMissing', { list: checklist.counts.missingRequired.join(', ') })}
                </div>
              )}
            </dd>
          </>
        )}
        {signatures && (
          <>
            <dt>{t('summary.signatures')}</dt>
            <dd>
              <ul className="completion-parts">
                {SIGNATURE_ROLES.map((role) => {
                  const signature = signatures.find((s) => s.role === role);
                  const state = !signature ? 'missing' : !signature.valid || workDoneChanged ? 'stale' : 'present';
                  return (
                    <li key={role} className={`completion-signature is-${state}`}>
                      {t(`summary.role.${role}`)}: {t(`summary.signature.${state}`, { name: signature?.signerName ?? '' })}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
