// The close dialog's list of OTs still open: for each, complete it (with the work really done) or cancel it (with a reason).
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import { Field } from '../../components/Field';
import { useCan, useWorkOrderRights } from '../../stores/session';
import { emptyDraft, missingByPart, type DecisionDraft, type DecisionDrafts } from './closeDecisionDrafts';
import { DurationFields } from '../workOrders/DurationFields';
import { isMinutesValid } from '../workOrders/durationDraft';

interface Props {
  workOrders: WorkOrderDetail[];
  drafts: DecisionDrafts;
  onChange: (id: string, draft: DecisionDraft) => void;
  /** The ticket's resolution is still empty: the status line (the dialog's one summary of what is missing) says so too. */
  resolutionMissing: boolean;
}

function Decision({ workOrder, draft, onChange }: { workOrder: WorkOrderDetail; draft: DecisionDraft; onChange: (draft: DecisionDraft) => void }) {
  const { t } = useTranslation('tickets');
  const name = `close-decision-${workOrder.id}`;
  // The same rights as the OT's own actions (the service checks them again): cancel needs workorders:write;
  // completing is carrying the visit out (mayCarryOut).
  const canWrite = useCan('workorders:write');
  const { carryOut } = useWorkOrderRights(workOrder.technician?.id);
  // Completing says someone made the visit: one with no technician is cancelled (or planned before closing).
  const unassigned = !workOrder.technician;
  const allowed = { complete: carryOut && !unassigned, cancel: canWrite };
  const note = allowed.complete && allowed.cancel ? null : unassigned && canWrite ? 'closeModal.noTechnicianToComplete' : allowed.complete ? 'closeModal.notAllowed' : 'closeModal.cannotComplete';
  const facts = [
    t(`common:workOrderType.${workOrder.otType}`),
    t(`common:workOrderStatus.${workOrder.status}`),
    workOrder.technician?.fullName ?? t('closeModal.noTechnician'),
  ];
  return (
    <fieldset className="close-decision" data-work-order-id={workOrder.id}>
      <legend>
        <span className="mono">{workOrder.code}</span> · {facts.join(' · ')}
      </legend>
      <div className="close-decision-choices">
        {(['complete', 'cancel'] as const).map((action) => (
          <label key={action}>
            <input type="radio" name={name} value={action} checked={draft.action === action} disabled={!allowed[action]} onChange={() => onChange({ ...draft, action })} />
            <span>{t(`closeModal.${action}`)}</span>
          </label>
        ))}
      </div>
      {/* Which choice is not this person's, and whose it is: completing is the visit's technician's (or a supervisor's). */}
      {note && <p className="muted close-decision-note">{t(note)}</p>}
      {draft.action === 'complete' && (
        <>
          {!workOrder.startedAt && <p className="muted close-decision-note">{t('closeModal.notStarted')}</p>}
          <Field label={t('closeModal.workDone')} hint={t('closeModal.workDoneHint')}>
            <textarea name={`${name}-work-done`} rows={3} required value={draft.workDone} onChange={(e) => onChange({ ...draft, workDone: e.target.value })} />
          </Field>
          {/* The time really worked, as the OT's own completion dialog asks it: a run left open for days is not it. */}
          <DurationFields
            name={name}
            measuredMinutes={draft.measuredMinutes}
            minutes={draft.minutes}
            reason={draft.durationReason}
            onMinutes={(minutes) => onChange({ ...draft, minutes })}
            onReason={(durationReason) => onChange({ ...draft, durationReason })}
            errors={isMinutesValid(draft.minutes) ? {} : { totalDuration: t('common:validation.invalid') }}
          />
        </>
      )}
      {draft.action === 'cancel' && (
        <Field label={t('closeModal.cancelReason')} hint={t('closeModal.cancelReasonHint')}>
          <textarea name={`${name}-reason`} rows={2} required value={draft.reason} onChange={(e) => onChange({ ...draft, reason: e.target.value })} />
        </Field>
      )}
    </fieldset>
  );
}

export function CloseDecisions({ workOrders, drafts, onChange, resolutionMissing }: Props) {
  const { t } = useTranslation('tickets');
  const missing = [
    ...(resolutionMissing ? [t('closeModal.missing.resolution')] : []),
    ...missingByPart(workOrders, drafts).map(({ part, codes }) => t(`closeModal.missing.${part}`, { codes: codes.join(', ') })),
  ];
  return (
    <section className="close-decisions" aria-labelledby="close-decisions-title">
      <h3 id="close-decisions-title">{t('closeModal.decisionsTitle')}</h3>
      <p className="muted">{t('closeModal.openWorkOrders', { count: workOrders.length })}</p>
      {workOrders.map((workOrder) => (
        <Decision key={workOrder.id} workOrder={workOrder} draft={drafts[workOrder.id] ?? emptyDraft(workOrder, Date.now())} onChange={(draft) => onChange(workOrder.id, draft)} />
      ))}
      {/* Why the close button is still disabled, read out as it changes. */}
      <p className={missing.length > 0 ? 'close-decisions-status' : 'close-decisions-status muted'} role="status">
        {missing.length > 0 ? missing.join(' · ') : t('closeModal.allDecided')}
      </p>
    </section>
  );
}
