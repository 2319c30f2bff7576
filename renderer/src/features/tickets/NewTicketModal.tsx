// New ticket (Ctrl+N): validated with the contract's ticketCreateInput; the customer can be created inline.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../../electron/contract';
import { customerCreateInput } from '../../../../electron/contract/catalogs';
import { ticketCreateInput } from '../../../../electron/contract/tickets';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { zodFieldErrors } from '../../lib/forms';
import { toast } from '../../stores/toasts';
import { useLookups } from './lookups';
import { ChoiceSelect, namedChoices, personChoices } from '../../components/ChoiceSelect';
import { CustomerPicker } from '../customers/CustomerPicker';

interface FormState {
  title: string;
  description: string;
  priority: TicketPriority;
  categoryId: string;
  customerId: string;
  /** The chosen customer's name, for the picker to show. */
  customerName: string;
  /** Typing a new customer's details instead of choosing one. */
  creatingCustomer: boolean;
  assignedToId: string;
  customer: { name: string; phone: string; email: string; address: string; town: string };
}

const EMPTY: FormState = {
  title: '',
  description: '',
  priority: 'medium',
  categoryId: '',
  customerId: '',
  customerName: '',
  creatingCustomer: false,
  assignedToId: '',
  customer: { name: '', phone: '', email: '', address: '', town: '' },
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function NewTicketModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation('tickets');
  const { categories, users } = useLookups();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const creatingCustomer = form.creatingCustomer;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCustomer = (key: keyof FormState['customer'], value: string) => setForm((f) => ({ ...f, customer: { ...f.customer, [key]: value } }));

  function close() {
    setForm(EMPTY);
    setErrors({});
    setFailure(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const customerInput = { name: form.customer.name, phone: orNull(form.customer.phone), email: orNull(form.customer.email), address: orNull(form.customer.address), town: orNull(form.customer.town) };
    const ticketInput = {
      title: form.title,
      description: form.description,
      priority: form.priority,
      categoryId: form.categoryId || null,
      customerId: creatingCustomer ? null : form.customerId || null,
      assignedToId: form.assignedToId || null,
    };
    const found: Record<string, string> = zodFieldErrors(t, ticketCreateInput, ticketInput);
    if (creatingCustomer) {
      for (const [key, message] of Object.entries(zodFieldErrors(t, customerCreateInput, customerInput))) found[`customer.${key}`] = message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      let customerId = ticketInput.customerId;
      if (creatingCustomer) {
        const customer = await api.call('customers.create', customerInput);
        customerId = customer.id;
        // A retry after a failed ticket must not create the customer twice.
        setForm((f) => ({ ...f, customerId: customer.id, customerName: customer.name, creatingCustomer: false }));
      }
      const ticket = await api.call('tickets.create', { ...ticketInput, customerId });
      toast.success(t('form.created', { code: ticket.code }));
      close();
      onCreated(ticket.id);
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t('form.title')}
      open={open}
      onClose={close}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" form="new-ticket-form" className="btn btn-primary" disabled={busy}>
            {busy ? t('common:state.saving') : t('form.submit')}
          </button>
        </>
      }
    >
      <form id="new-ticket-form" className="form-grid" onSubmit={submit} noValidate>
        {failure && (
          <div className="alert full" role="alert">
            {failure}
          </div>
        )}
        <div className="full">
          <Field label={t('form.titleLabel')} error={errors.title}>
            <input name="title" value={form.title} onChange={(e) => set('title', e.target.value)} placeholder={t('form.titlePlaceholder')} autoFocus />
          </Field>
        </div>
        <div className="full">
          <Field label={t('form.description')} error={errors.description}>
            <textarea name="description" rows={4} value={form.description} onChange={(e) => set('description', e.target.value)} placeholder={t('form.descriptionPlaceholder')} />
          </Field>
        </div>
        <Field label={t('form.priority')} error={errors.priority}>
          <select name="priority" value={form.priority} onChange={(e) => set('priority', e.target.value as TicketPriority)}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`common:priority.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('form.category')} error={errors.categoryId}>
          <ChoiceSelect
            name="categoryId"
            value={form.categoryId}
            onChange={(e) => set('categoryId', e.target.value)}
            emptyLabel={t('form.noCategory')}
            choices={namedChoices(categories)}
          />
        </Field>
        {creatingCustomer ? (
          <div className="field">
            <span className="customer-field-caption">{t('form.customer')}</span>
            <button type="button" className="btn" onClick={() => setForm((f) => ({ ...f, creatingCustomer: false }))}>
              {t('customers:picker.chooseExisting')}
            </button>
          </div>
        ) : (
          <Field label={t('form.customer')} error={errors.customerId}>
            <CustomerPicker
              name="customerId"
              value={form.customerId}
              selectedName={form.customerName || null}
              onChange={(c) => setForm((f) => ({ ...f, customerId: c?.id ?? '', customerName: c?.name ?? '' }))}
              emptyLabel={t('form.noCustomer')}
              onCreate={(typed) => setForm((f) => ({ ...f, creatingCustomer: true, customer: { ...f.customer, name: typed || f.customer.name } }))}
            />
          </Field>
        )}
        <Field label={t('form.assignee')} error={errors.assignedToId}>
          <ChoiceSelect
            name="assignedToId"
            value={form.assignedToId}
            onChange={(e) => set('assignedToId', e.target.value)}
            emptyLabel={t('form.unassigned')}
            choices={personChoices(users)}
          />
        </Field>
        {creatingCustomer && (
          <fieldset className="full inline-customer">
            <legend>{t('form.newCustomerLegend')}</legend>
            <div className="form-grid">
              <Field label={t('form.newCustomerName')} error={errors['customer.name']}>
                <input name="customerName" value={form.customer.name} onChange={(e) => setCustomer('name', e.target.value)} autoFocus />
              </Field>
              <Field label={t('form.newCustomerPhone')} error={errors['customer.phone']}>
                <input name="customerPhone" type="tel" value={form.customer.phone} onChange={(e) => setCustomer('phone', e.target.value)} />
              </Field>
              <Field label={t('form.newCustomerEmail')} error={errors['customer.email']}>
                <input name="customerEmail" type="email" value={form.customer.email} onChange={(e) => setCustomer('email', e.target.value)} />
              </Field>
              <Field label={t('form.newCustomerAddress')} error={errors['customer.address']}>
                <input name="customerAddress" value={form.customer.address} onChange={(e) => setCustomer('address', e.target.value)} />
              </Field>
              <Field label={t('form.newCustomerTown')} error={errors['customer.town']}>
                <input name="customerTown" value={form.customer.town} onChange={(e) => setCustomer('town', e.target.value)} />
              </Field>
            </div>
          </fieldset>
        )}
      </form>
    </Modal>
  );
}
