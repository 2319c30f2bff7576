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

/** The checklist and signatures as stored now: undefined while loading, null when this user may not read them. */
export interface FieldCapture {
  checklist: ChecklistDto | null | undefined;
  signatures: SignatureDto[] | null | undefined;
}

interface Props {
  workOrder: WorkOrderDetail;
  workDone: string;
  /** Seconds that will be recorded; null when nothing was measured nor typed. */
  seconds: number | null;
  /** Set when the typed duration replaces the measured one. */
  durationReason: string | null;
  capture: FieldCapture;
}

const NOT_READ: FieldCapture = { checklist: undefined, signatures: undefined };

/**
 * Read afresh each time `round` changes (the summary opened again, or the service refused): null round reads nothing.
 * A reading belongs to its round: the render that starts a new round already answers "loading", so nothing (Completar
 * OT after a refusal) is offered on the previous round's reading.
 */
export function useFieldCapture(id: string, round: number | null): FieldCapture {
  const [capture, setCapture] = useState<FieldCapture & { round: number | null }>({ ...NOT_READ, round: null });
  useEffect(() => {
    if (round === null) return;
    let current = true;
    const keep = (part: Partial<FieldCapture>) => current && setCapture((previous) => ({ ...(previous.round === round ? previous : { ...NOT_READ, round }), ...part }));
    api.call('workOrders.checklist', { id }).then((checklist) => keep({ checklist }), () => keep({ checklist: null }));
    api.call('workOrders.signatures', { id }).then((signatures) => keep({ signatures }), () => keep({ signatures: null }));
    return () => {
      current = false;
    };
  }, [id, round]);
  return round !== null && capture.round === round ? capture : NOT_READ;
}

export function CompletionSummary({ workOrder, workDone, seconds, durationReason, capture }: Props) {
  const { t } = useTranslation('workOrders');
  const { checklist, signatures } = capture;
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
