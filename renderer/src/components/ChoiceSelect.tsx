// A <select> over a list of choices, with an optional first "none/any" entry (value '').
import type { SelectHTMLAttributes } from 'react';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> {
  choices: readonly Choice[];
  /** Label of the empty first entry; omit when a choice is required. */
  emptyLabel?: string;
}

export function ChoiceSelect({ choices, emptyLabel, ...select }: ChoiceSelectProps) {
  return (
    <select {...select}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** Catalog rows (categories, customers) as choices. */
export const namedChoices = (rows: readonly { id: string; name: string }[]): Choice[] => rows.map((r) => ({ value: r.id, label: r.name }));

/** People as choices, by full name. */
export const personChoices = (rows: readonly { id: string; fullName: string }[]): Choice[] => rows.map((r) => ({ value: r.id, label: r.fullName }));
