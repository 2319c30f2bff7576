// The dialogs of an OT: schedule/reschedule, complete (work done + duration, then a summary) and cancel (reason).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail, WorkOrderDto } from '../../../../electron/contract';
import { completeInput, scheduleInput, workOrderChannels } from '../../../../electron/contract/workOrders';
import { api, ApiError } from '../../api/client';
import { DateTimeInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { zodFieldErrors } from '../../lib/forms';
import { useOnOpening } from '../../lib/opening';
import { useWorkOrderAction, workOrderError } from './actions';
import { ClashWarning, EstimateField, minutesFromInput, PastVisitCheckbox, usePlanQuestions } from './PlanFields';
import { toast } from '../../stores/toasts';
import { fromLocalInput, isPastInput, nextWholeHourInput, toLocalInput } from './dates';
import { TechnicianPicker } from './TechnicianPicker';
import { companyZone } from '../../lib/timeZone';
import { useWorkOrders } from './store';
import { DurationFields } from './DurationFields';
import { CompletionSummary, useFieldCapture } from './CompletionSummary';
import { CompletionBlocker, focusChecklistCard } from './CompletionBlocker';
import { keepWorkDoneDraft, workDoneDraftOf } from './workDoneDraft';
import { durationDraftOf, forgetDurationDraft, initialMinutes, isDurationChanged, isMinutesValid, keepDurationDraft, measuredMinutesOf, summarySeconds, typedDurationInput } from './durationDraft';
import { FormFooter } from '../../components/FormFooter';

interface DialogProps {
  workOrder: WorkOrderDto;
  open: boolean;
  onClose: () => void;
}


export function ScheduleModal({ workOrder, open, onClose }: DialogProps) {
  const { t, i18n } = useTranslation('workOrders');
  const technicians = useWorkOrders((s) => s.technicians);
  const [when, setWhen] = useState('');
  const [technicianId, setTechnicianId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [pastVisit, setPastVisit] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const questions = usePlanQuestions();

  useEffect(() => {
    if (open) void useWorkOrders.getState().loadTechnicians();
  }, [open]);
  // Only on opening: a reload after a conflict must not wipe what the user typed.
  useOnOpening(open ? 'open' : null, () => {
    // A visit already planned keeps its time; a new plan starts at the next whole hour, never at a minute already past.
    setWhen(workOrder.scheduledDate ? toLocalInput(workOrder.scheduledDate, companyZone()) : nextWholeHourInput(companyZone()));
    setTechnicianId(workOrder.technician?.id ?? '');
    setMinutes(workOrder.estimatedMinutes === null ? '' : String(workOrder.estimatedMinutes));
    setPastVisit(false);
    setErrors({});
    questions.reset();
  });

  // A different date, technician or length is a different plan: the service is asked again.
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    questions.reset();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const scheduledDate = fromLocalInput(when, companyZone());
    const input = {
      id: workOrder.id,
      version: workOrder.version,
      scheduledDate: scheduledDate ?? '',
      technicianId,
      estimatedMinutes: minutesFromInput(minutes, i18n.language),
      ...(pastVisit && isPastInput(when, companyZone()) ? { recordsPastVisit: true } : {}),
      ...(questions.confirmOverlap ? { confirmOverlap: true } : {}),
    };
    const found = zodFieldErrors(t, scheduleInput, input);
    if (!scheduledDate) found.scheduledDate = t('common:validation.required');
    if (!technicianId) found.technicianId = t('common:validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      useWorkOrders.getState().setDetail(await api.call('workOrders.schedule', input));
      toast.success(t('toast.scheduled'));
      onClose();
    } catch (error) {
      if (!questions.absorb(error)) {
        if (error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION')) await useWorkOrders.getState().loadDetail(workOrder.id);
        toast.error(workOrderError(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  // Only a time already past can record a visit made; corrected to a future time, the question goes away.
  const whenIsPast = isPastInput(when, companyZone());
  const rescheduling = workOrder.status === 'scheduled';
  const title = rescheduling ? t('schedule.rescheduleTitle') : t('schedule.title');
  const technicianName = technicians.find((u) => u.id === technicianId)?.fullName ?? '';
  const submitLabel = questions.confirmOverlap ? t('plan.bookAnyway') : t(rescheduling ? 'schedule.resubmit' : 'schedule.submit');
  return (
    <Modal title={title} open={open} onClose={onClose} footer={<FormFooter formId="ot-schedule" busy={busy} submit={submitLabel} onClose={onClose} />}>
      <form id="ot-schedule" className="plan-form" onSubmit={submit} noValidate>
        <Field label={t('schedule.when')} error={errors.scheduledDate ?? questions.pastError ?? undefined}>
          <DateTimeInput value={when} onChange={change(setWhen)} required />
        </Field>
        {whenIsPast && <PastVisitCheckbox checked={pastVisit} onChange={change(setPastVisit)} />}
        <TechnicianPicker technicians={technicians} value={technicianId} onChange={change(setTechnicianId)} error={errors.technicianId} />
        <EstimateField otType={workOrder.otType} value={minutes} onChange={change(setMinutes)} error={errors.estimatedMinutes} />
        {questions.clashes && <ClashWarning clashes={questions.clashes} technicianName={technicianName} />}
      </form>
    </Modal>
  );
}

/** The OT's planned length on its own (a pending OT has no schedule dialog to carry it). */
export function EstimateModal({ workOrder, open, onClose }: DialogProps) {
  const { t, i18n } = useTranslation('workOrders');
  const [minutes, setMinutes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const questions = usePlanQuestions();

  useOnOpening(open ? 'open' : null, () => {
    setMinutes(workOrder.estimatedMinutes === null ? '' : String(workOrder.estimatedMinutes));
    setErrors({});
    questions.reset();
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { id: workOrder.id, version: workOrder.version, estimatedMinutes: minutesFromInput(minutes, i18n.language), ...(questions.confirmOverlap ? { confirmOverlap: true } : {}) };
    const found = zodFieldErrors(t, workOrderChannels['workOrders.setEstimate'].input, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      useWorkOrders.getState().setDetail(await api.call('workOrders.setEstimate', input));
      toast.success(t('toast.estimateSaved'));
      onClose();
    } catch (error) {
      if (!questions.absorb(error)) toast.error(workOrderError(t, error));
    } finally {
      setBusy(false);
    }
  }

  const submitLabel = questions.confirmOverlap ? t('plan.bookAnyway') : t('common:actions.save');
  return (
    <Modal title={t('plan.estimateTitle', { code: workOrder.code })} open={open} onClose={onClose} footer={<FormFooter formId="ot-estimate" busy={busy} submit={submitLabel} onClose={onClose} />}>
      <form id="ot-estimate" className="plan-form" onSubmit={submit} noValidate>
        <EstimateField
          otType={workOrder.otType}
          value={minutes}
          onChange={(value) => {
            setMinutes(value);
            questions.reset();
          }}
          error={errors.estimatedMinutes}
        />
        {questions.clashes && <ClashWarning clashes={questions.clashes} technicianName={workOrder.technician?.fullName ?? ''} />}
      </form>
    </Modal>
  );
}

/** Two steps: the work done (required, prefilled from the OT) and the duration; then a summary to confirm. */
// The summary lists the OT's parts: completing needs the detail, not a list row.
export function CompleteModal({ workOrder, open, onClose }: Omit<DialogProps, 'workOrder'> & { workOrder: WorkOrderDetail }) {
  const { t } = useTranslation('workOrders');
  const [workDone, setWorkDone] = useState('');
  const [minutes, setMinutes] = useState('');
  const [measuredMinutes, setMeasuredMinutes] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<'edit' | 'summary'>('edit');
  const [seconds, setSeconds] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // The service's refusal, shown in the dialog; and which reading of the checklist and signatures the summary shows.
  const [refusal, setRefusal] = useState<{ reason: string | undefined; words: string } | null>(null);
  const [round, setRound] = useState(0);
  const capture = useFieldCapture(workOrder.id, open && step === 'summary' ? round : null);
  const missing = capture.checklist?.counts.missingRequired ?? [];
  // Not offered while the checklist is still being read, nor with a required item unanswered: it would be refused.
  const blocked = capture.checklist === undefined || missing.length > 0;

  // Only on opening: a reload after a conflict must not wipe the work done being written.
  useOnOpening(open ? 'open' : null, () => {
    setRefusal(null);
    const measured = measuredMinutesOf(workOrder.startedAt, Date.now());
    setMeasuredMinutes(measured);
    // What was typed on the OT (or in this dialog, closed without completing) and not saved yet comes along.
    const duration = durationDraftOf(workOrder.id);
    setMinutes(duration?.minutes ?? initialMinutes(measured));
    setWorkDone(workDoneDraftOf(workOrder.id) ?? workOrder.workDone ?? '');
    setReason(duration?.reason ?? '');
    setErrors({});
    setStep('edit');
  });

  const typed = typedDurationInput(minutes, reason, measuredMinutes);
  const input = { id: workOrder.id, version: workOrder.version, workDone, ...typed };

  function review(event: FormEvent) {
    event.preventDefault();
    const found = zodFieldErrors(t, completeInput, input);
    if (!workDone.trim()) found.workDone = t('reason.work_done_required');
    if (isDurationChanged(minutes, measuredMinutes) && !reason.trim()) found.durationReason = t('complete.reasonRequired');
    if (!isMinutesValid(minutes)) found.totalDuration = t('common:validation.invalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setRefusal(null);
    setRound((n) => n + 1);
    setSeconds(summarySeconds(typed, workOrder.startedAt, Date.now()));
    setStep('summary');
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    try {
      useWorkOrders.getState().setDetail(await api.call('workOrders.complete', input));
      forgetDurationDraft(workOrder.id);
      toast.success(t('toast.completed'));
      onClose();
    } catch (error) {
      // A refusal is said here, in the dialog, with everything typed kept. A checklist changed meanwhile: the summary
      // reads it again and points to it; anything else (the OT changed behind us…) goes back to the form to check it.
      if (error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION')) await useWorkOrders.getState().loadDetail(workOrder.id);
      const reason = error instanceof ApiError ? error.reason : undefined;
      setRefusal({ reason, words: workOrderError(t, error) });
      if (reason === 'checklist_incomplete') setRound((n) => n + 1);
      else setStep('edit');
    } finally {
      setBusy(false);
    }
  }

  // Closed without completing: the work done and the duration typed here are where the dialog starts next time.
  function close() {
    keepWorkDoneDraft(workOrder.id, workDone, workOrder.workDone ?? '');
    keepDurationDraft(workOrder.id, minutes, reason, measuredMinutes);
    onClose();
  }

  function goToChecklist() {
    close();
    focusChecklistCard();
  }

  const footer =
    step === 'edit' ? (
      <FormFooter formId="ot-complete" busy={busy} submit={t('summary.review')} onClose={close} />
    ) : (
      <>
        <button type="button" className="btn" onClick={() => setStep('edit')}>
          {t('summary.back')}
        </button>
        <button type="submit" form="ot-complete-confirm" className="btn btn-primary" disabled={busy || blocked}>
          {busy ? t('common:state.saving') : t('complete.submit')}
        </button>
      </>
    );
  return (
    <Modal title={t('complete.title', { code: workOrder.code })} open={open} onClose={close} footer={footer}>
      {step === 'edit' ? (
        <form id="ot-complete" onSubmit={review} noValidate>
          <CompletionBlocker missing={[]} refusal={refusal?.words ?? null} onGoToChecklist={goToChecklist} />
          <Field label={t('complete.notes')} error={errors.workDone} hint={t('complete.notesHint')}>
            <textarea name="workDone" value={workDone} onChange={(e) => setWorkDone(e.target.value)} rows={5} required />
          </Field>
          <DurationFields measuredMinutes={measuredMinutes} minutes={minutes} reason={reason} onMinutes={setMinutes} onReason={setReason} errors={errors} />
        </form>
      ) : (
        <form id="ot-complete-confirm" onSubmit={confirm} noValidate>
          <CompletionSummary workOrder={workOrder} workDone={workDone.trim()} seconds={seconds} durationReason={typed.durationReason ?? null} capture={capture} />
          <CompletionBlocker
            missing={missing}
            // The checklist's own line already says what a checklist refusal would.
            refusal={refusal && !(refusal.reason === 'checklist_incomplete' && missing.length > 0) ? refusal.words : null}
            onGoToChecklist={goToChecklist}
          />
        </form>
      )}
    </Modal>
  );
}

export function CancelModal({ workOrder, open, onClose }: DialogProps) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useOnOpening(open ? 'open' : null, () => {
    setReason('');
    setError(undefined);
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError(t('common:validation.required'));
    setBusy(true);
    const ok = await run(
      workOrder.id,
      () => api.call('workOrders.cancel', { id: workOrder.id, version: workOrder.version, reason }),
      t('toast.cancelled'),
    );
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Modal title={t('cancel.title', { code: workOrder.code })} open={open} onClose={onClose} footer={<FormFooter formId="ot-cancel" busy={busy} submit={t('cancel.submit')} onClose={onClose} />}>
      <form id="ot-cancel" onSubmit={submit} noValidate>
        <p className="muted">{t('cancel.intro')}</p>
        <Field label={t('cancel.reason')} error={error}>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
        </Field>
      </form>
    </Modal>
  );
}
