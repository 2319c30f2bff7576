// The ticket actions that need words or choices: close (resolution), reopen (reason), request visit (OT type, date, technician).
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, WORK_ORDER_TYPES, type TicketDetail, type WorkOrderType } from '../../../../electron/contract';
import { ticketUpdateInput } from '../../../../electron/contract/tickets';
import { requestVisitInput } from '../../../../electron/contract/workOrders';
import { DateTimeInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { errorMessage } from '../../lib/errors';
import { zodFieldErrors } from '../../lib/forms';
import { toast } from '../../stores/toasts';
import { useTicketDetail } from './detailStore';
import { useLookups } from './lookups';
import { CloseDecisions } from './CloseDecisions';
import { decisionsInput, draftsFor, openWorkOrders, undecided, type DecisionDrafts } from './closeDecisionDrafts';
import { FormFooter } from '../../components/FormFooter';
import { instantOfWallInput } from '../../../../electron/contract/zonedTime';
import { companyZone } from '../../lib/timeZone';
import { ChoiceSelect, namedChoices } from '../../components/ChoiceSelect';
import { CustomerPicker } from '../customers/CustomerPicker';
import { ClashWarning, EstimateField, minutesFromInput, PastVisitCheckbox, usePlanQuestions } from '../workOrders/PlanFields';
import { isPastInput } from '../workOrders/dates';
import { TechnicianPicker } from '../workOrders/TechnicianPicker';

export type TicketModal = 'edit' | 'close' | 'reopen' | 'visit' | null;

interface ShellProps {
  title: string;
  formId: string;
  submitLabel: string;
  busy: boolean;
  failure: string | null;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
  /** Holds the submit back until the form is complete (the form says what is missing). */
  submitDisabled?: boolean;
  wide?: boolean;
}

function ActionModal({ title, formId, submitLabel, busy, failure, onClose, onSubmit, children, submitDisabled = false, wide = false }: ShellProps) {
  return (
    <Modal
      title={title}
      open
      wide={wide}
      onClose={onClose}
      footer={<FormFooter formId={formId} busy={busy} submit={submitLabel} onClose={onClose} disabled={submitDisabled} />}
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        {failure && (
          <div className="alert" role="alert">
            {failure}
          </div>
        )}
        {children}
      </form>
    </Modal>
  );
}

/** Shared submit flow: validate with the channel's schema, run, toast, close; errors stay in the modal. */
function useActionForm(onClose: () => void) {
  const { t } = useTranslation('tickets');
  const busy = useTicketDetail((s) => s.busy);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  /** `absorb` takes the errors the form itself shows (the scheduling rules' questions) instead of the failure line. */
  async function run(found: Record<string, string>, work: () => Promise<void>, done: string, absorb?: (error: unknown) => boolean) {
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setFailure(null);
    try {
      await work();
      toast.success(done);
      onClose();
    } catch (error) {
      if (!absorb?.(error)) setFailure(errorMessage(t, error));
    }
  }
  return { t, busy, errors, failure, run };
}

/** Closing asks, for each OT still open, to complete it (with the work done) or cancel it (with a reason): nothing by default. */
export function CloseTicketModal({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const close = useTicketDetail((s) => s.close);
  const { t, busy, errors, failure, run } = useActionForm(onClose);
  const [resolution, setResolution] = useState('');
  const open = openWorkOrders(ticket.workOrders);
  const [edited, setEdited] = useState<DecisionDrafts>({});
  const [openedAt] = useState(() => Date.now());
  // Recomputed from the ticket on every render: an OT that appears after a reload is asked about too.
  const drafts = draftsFor(open, edited, openedAt);
  const ready = undecided(open, drafts).length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const workOrders = decisionsInput(open, drafts);
    const found = zodFieldErrors(t, channels['tickets.close'].input, { id: ticket.id, resolution, version: ticket.version, workOrders });
    void run(found, () => close(resolution.trim(), workOrders), t('closeModal.done'));
  };
  return (
    <ActionModal
      title={t('closeModal.title', { code: ticket.code })}
      formId="close-ticket-form"
      submitLabel={t('closeModal.submit')}
      busy={busy}
      failure={failure}
      onClose={onClose}
      onSubmit={submit}
      submitDisabled={!ready}
      wide={open.length > 0}
    >
      <Field label={t('closeModal.resolution')} error={errors.resolution} hint={t('closeModal.resolutionHint')}>
        <textarea name="resolution" rows={4} value={resolution} onChange={(e) => setResolution(e.target.value)} autoFocus />
      </Field>
      {open.length > 0 && (
        <CloseDecisions
          workOrders={open}
          drafts={drafts}
          onChange={(id, draft) => setEdited((previous) => ({ ...previous, [id]: draft }))}
          resolutionMissing={resolution.trim() === ''}
        />
      )}
    </ActionModal>
  );
}

export function ReopenTicketModal({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const reopen = useTicketDetail((s) => s.reopen);
  const { t, busy, errors, failure, run } = useActionForm(onClose);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = zodFieldErrors(t, channels['tickets.reopen'].input, { id: ticket.id, reason, version: ticket.version });
    void run(found, () => reopen(reason.trim()), t('reopenModal.done'));
  };
  return (
    <ActionModal title={t('reopenModal.title', { code: ticket.code })} formId="reopen-ticket-form" submitLabel={t('reopenModal.submit')} busy={busy} failure={failure} onClose={onClose} onSubmit={submit}>
      <Field label={t('reopenModal.reason')} error={errors.reason} hint={t('reopenModal.reasonHint')}>
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
    </ActionModal>
  );
}

/** datetime-local gives a wall time without an offset, read on the company clock; the contract wants ISO with one. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  return instantOfWallInput(companyZone(), value) ?? 'invalid';
}

export function RequestVisitModal({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const requestVisit = useTicketDetail((s) => s.requestVisit);
  const users = useLookups((s) => s.users);
  const technicians = users.filter((u) => u.canExecuteWorkOrders);
  const { t, busy, errors, failure, run } = useActionForm(onClose);
  const { i18n } = useTranslation();
  const [otType, setOtType] = useState<WorkOrderType>('diagnosis');
  const [date, setDate] = useState('');
  const [technicianId, setTechnicianId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [pastVisit, setPastVisit] = useState(false);
  const questions = usePlanQuestions();
  // A different date, technician, type or length is a different plan: the service is asked again.
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    questions.reset();
  };
  // Only a time already past can record a visit made; corrected to a future time, the question goes away.
  const dateIsPast = isPastInput(date, companyZone());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scheduledDate = localToIso(date);
    const estimatedMinutes = minutesFromInput(minutes, i18n.language);
    const request = {
      otType,
      ...(scheduledDate ? { scheduledDate } : {}),
      ...(technicianId ? { technicianId } : {}),
      ...(estimatedMinutes !== null ? { estimatedMinutes } : {}),
      ...(pastVisit && dateIsPast ? { recordsPastVisit: true } : {}),
      ...(questions.confirmOverlap ? { confirmOverlap: true } : {}),
    };
    const found = zodFieldErrors(t, requestVisitInput, { ticketId: ticket.id, ...request });
    void run(found, () => requestVisit(request), t('visitModal.done'), questions.absorb);
  };
  const technicianName = technicians.find((u) => u.id === technicianId)?.fullName ?? '';
  return (
    <ActionModal
      title={t('visitModal.title')}
      formId="request-visit-form"
      submitLabel={questions.confirmOverlap ? t('workOrders:plan.requestAnyway') : t('visitModal.submit')}
      busy={busy}
      failure={failure}
      onClose={onClose}
      onSubmit={submit}
    >
      <Field label={t('visitModal.otType')} error={errors.otType}>
        <select name="otType" value={otType} onChange={(e) => change(setOtType)(e.target.value as WorkOrderType)} autoFocus>
          {WORK_ORDER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`common:workOrderType.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('visitModal.date')} error={errors.scheduledDate ?? questions.pastError ?? undefined} hint={t('visitModal.dateHint')}>
        <DateTimeInput name="scheduledDate" value={date} onChange={change(setDate)} />
      </Field>
      {dateIsPast && <PastVisitCheckbox checked={pastVisit} onChange={change(setPastVisit)} />}
      <TechnicianPicker technicians={technicians} value={technicianId} onChange={change(setTechnicianId)} error={errors.technicianId} optional />
      <EstimateField otType={otType} value={minutes} onChange={change(setMinutes)} error={errors.estimatedMinutes} />
      {questions.clashes && <ClashWarning clashes={questions.clashes} technicianName={technicianName} confirmLabel={t('workOrders:plan.requestAnyway')} />}
    </ActionModal>
  );
}

export function EditTicketModal({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const edit = useTicketDetail((s) => s.edit);
  const categories = useLookups((s) => s.categories);
  const { t, busy, errors, failure, run } = useActionForm(onClose);
  const [form, setForm] = useState({
    title: ticket.title,
    description: ticket.description,
    categoryId: ticket.category?.id ?? '',
    customerId: ticket.customer?.id ?? '',
    customerName: ticket.customer?.name ?? '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { title: form.title, description: form.description, categoryId: form.categoryId || null, customerId: form.customerId || null };
    const found = zodFieldErrors(t, ticketUpdateInput, { id: ticket.id, version: ticket.version, ...fields });
    void run(found, () => edit(fields), t('editModal.done'));
  };
  return (
    <ActionModal title={t('editModal.title', { code: ticket.code })} formId="edit-ticket-form" submitLabel={t('common:actions.save')} busy={busy} failure={failure} onClose={onClose} onSubmit={submit}>
      <Field label={t('form.titleLabel')} error={errors.title}>
        <input name="title" value={form.title} onChange={set('title')} autoFocus />
      </Field>
      <Field label={t('form.description')} error={errors.description}>
        <textarea name="description" rows={5} value={form.description} onChange={set('description')} />
      </Field>
      <Field label={t('form.category')} error={errors.categoryId}>
        <ChoiceSelect name="categoryId" value={form.categoryId} onChange={set('categoryId')} emptyLabel={t('form.noCategory')} choices={namedChoices(categories)} />
      </Field>
      <Field label={t('form.customer')} error={errors.customerId}>
        <CustomerPicker
          name="customerId"
          value={form.customerId}
          selectedName={form.customerName || null}
          onChange={(c) => setForm((f) => ({ ...f, customerId: c?.id ?? '', customerName: c?.name ?? '' }))}
          emptyLabel={t('form.noCustomer')}
        />
      </Field>
    </ActionModal>
  );
}
