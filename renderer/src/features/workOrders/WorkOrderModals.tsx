// The dialogs of an OT: schedule/reschedule, complete (notes + duration) and cancel (reason).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDto } from '../../../../electron/contract';
import { completeInput } from '../../../../electron/contract/workOrders';
import { api } from '../../api/client';
import { DateTimeInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { formatDuration } from '../../lib/format';
import { zodFieldErrors } from '../../lib/forms';
import { useWorkOrderAction } from './actions';
import { fromLocalInput, toLocalInput } from './dates';
import { companyZone } from '../../lib/timeZone';
import { useWorkOrders } from './store';
import { FormFooter } from '../../components/FormFooter';

interface DialogProps {
  workOrder: WorkOrderDto;
  open: boolean;
  onClose: () => void;
}


export function ScheduleModal({ workOrder, open, onClose }: DialogProps) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const technicians = useWorkOrders((s) => s.technicians);
  const [when, setWhen] = useState('');
  const [technicianId, setTechnicianId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    void useWorkOrders.getState().loadTechnicians();
    setWhen(toLocalInput(workOrder.scheduledDate, companyZone()));
    setTechnicianId(workOrder.technician?.id ?? '');
    setErrors({});
    // Only on opening: a reload after a conflict must not wipe what the user typed.
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const scheduledDate = fromLocalInput(when, companyZone());
    const found: Record<string, string> = {};
    if (!scheduledDate) found.scheduledDate = t('common:validation.required');
    if (!technicianId) found.technicianId = t('common:validation.required');
    setErrors(found);
    if (!scheduledDate || !technicianId) return;
    setBusy(true);
    const ok = await run(
      workOrder.id,
      () => api.call('workOrders.schedule', { id: workOrder.id, scheduledDate, technicianId, version: workOrder.version }),
      t('toast.scheduled'),
    );
    setBusy(false);
    if (ok) onClose();
  }

  const title = workOrder.status === 'scheduled' ? t('schedule.rescheduleTitle') : t('schedule.title');
  return (
    <Modal title={title} open={open} onClose={onClose} footer={<FormFooter formId="ot-schedule" busy={busy} submit={t('schedule.submit')} onClose={onClose} />}>
      <form id="ot-schedule" onSubmit={submit} noValidate>
        <Field label={t('schedule.when')} error={errors.scheduledDate}>
          <DateTimeInput value={when} onChange={setWhen} required />
        </Field>
        <Field label={t('schedule.technician')} error={errors.technicianId}>
          <select value={technicianId} onChange={(e) => setTechnicianId(e.target.value)} required>
            <option value="">{t('schedule.pickTechnician')}</option>
            {technicians.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName}
                {u.roleName ? ` · ${u.roleName}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </form>
    </Modal>
  );
}

export function CompleteModal({ workOrder, open, onClose }: DialogProps) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [notes, setNotes] = useState('');
  const [minutes, setMinutes] = useState('');
  const [measuredMinutes, setMeasuredMinutes] = useState(0);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const running = workOrder.startedAt ? (Date.now() - new Date(workOrder.startedAt).getTime()) / 1000 : 0;
    const measured = Math.max(0, Math.round(running / 60));
    setMeasuredMinutes(measured);
    setMinutes(String(measured));
    setNotes(workOrder.notes ?? '');
    setReason('');
    setErrors({});
    // Only on opening: a reload after a conflict must not wipe the notes being written.
  }, [open]);

  const overridden = minutes.trim() !== '' && Number(minutes) !== measuredMinutes;
  // Durations read as on the OT, its PDF and the timeline (one formatter); a typed one is shown beside the measured.
  const measuredText = t('complete.measured', { clock: formatDuration(measuredMinutes * 60) });
  const typedMinutes = Number(minutes);
  const durationHint = overridden && Number.isFinite(typedMinutes) && typedMinutes >= 0 ? `${measuredText} → ${formatDuration(typedMinutes * 60)}` : measuredText;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      id: workOrder.id,
      version: workOrder.version,
      notes,
      ...(overridden ? { totalDuration: Math.round(Number(minutes) * 60), durationReason: reason } : {}),
    };
    const found = zodFieldErrors(t, completeInput, input);
    if (overridden && !reason.trim()) found.durationReason = t('complete.reasonRequired');
    if (minutes.trim() !== '' && !(Number(minutes) >= 0)) found.totalDuration = t('common:validation.invalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const ok = await run(workOrder.id, () => api.call('workOrders.complete', input), t('toast.completed'));
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Modal title={t('complete.title', { code: workOrder.code })} open={open} onClose={onClose} footer={<FormFooter formId="ot-complete" busy={busy} submit={t('complete.submit')} onClose={onClose} />}>
      <form id="ot-complete" onSubmit={submit} noValidate>
        <Field label={t('complete.notes')} error={errors.notes} hint={t('complete.notesHint')}>
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={5} />
        </Field>
        <Field label={t('complete.duration')} error={errors.totalDuration} hint={durationHint}>
          <input type="number" min={0} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} inputMode="numeric" />
        </Field>
        {overridden && (
          <Field label={t('complete.reason')} error={errors.durationReason}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
      </form>
    </Modal>
  );
}

export function CancelModal({ workOrder, open, onClose }: DialogProps) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setReason('');
      setError(undefined);
    }
  }, [open]);

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
