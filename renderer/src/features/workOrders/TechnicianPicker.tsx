// The one technician picker: Programar, Solicitar visita and the board's "Mover a…" offer the same people (those who
// may carry out OTs) with the same words — the name alone, never a role after it.
import type { TFunction } from 'i18next';
import type { DirectoryUser } from '../../../../electron/contract';
import { useTranslation } from 'react-i18next';
import { ChoiceSelect, personChoices, type Choice } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';

interface Props {
  technicians: readonly { id: string; fullName: string }[];
  value: string;
  onChange: (technicianId: string) => void;
  error?: string | undefined;
  /** A visit request may leave the technician for later; planning needs one. */
  optional?: boolean;
}

export function TechnicianPicker({ technicians, value, onChange, error, optional = false }: Props) {
  const { t } = useTranslation('workOrders');
  return (
    <Field label={t('plan.technician')} error={error}>
      <ChoiceSelect
        name="technicianId"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={!optional}
        emptyLabel={optional ? t('plan.noTechnicianYet') : t('plan.pickTechnician')}
        choices={personChoices(technicians)}
      />
    </Field>
  );
}

/**
 * The Técnico filters' people (Todas, the Agenda, Reportes), from the directory: those who may carry out OTs, the active
 * ones, then the deactivated ones, so their history and the visits they still hold can be found. Scheduling pickers
 * offer the active ones only.
 */
export function technicianFilterPeople(directory: readonly DirectoryUser[]): DirectoryUser[] {
  const able = directory.filter((u) => u.canExecuteWorkOrders);
  return [...able.filter((u) => u.isActive), ...able.filter((u) => !u.isActive)];
}

/** Those people as a filter's choices, the deactivated ones marked as such. */
export function technicianFilterChoices(t: TFunction, people: readonly { id: string; fullName: string; isActive: boolean }[]): Choice[] {
  return people.map((u) => ({ value: u.id, label: u.isActive ? u.fullName : t('workOrders:filters.deactivatedTechnician', { name: u.fullName }) }));
}
