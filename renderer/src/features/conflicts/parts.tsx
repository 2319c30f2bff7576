// Pieces every conflict kind uses: who-and-when lines, one side of the comparison, the resolve call.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDto, ConflictResolutionInput, ConflictStampDto } from '../../../../electron/contract/conflicts';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { adminError } from '../admin/shared';
import { whenOf, whoOf } from './describe';
import { useConflicts } from './store';

/** "Lucía Martín (Portátil taller) · hace 2 horas", with the exact time on hover. */
export function Stamp({ stamp, verb }: { stamp: ConflictStampDto; verb?: string }) {
  const { t } = useTranslation('conflicts');
  return (
    <span className="conflict-stamp" title={stamp.at ? formatDateTime(stamp.at) : undefined}>
      {verb && <span className="muted">{verb} </span>}
      <strong>{whoOf(t, stamp)}</strong>
      <span className="muted"> · {whenOf(t, stamp)}</span>
    </span>
  );
}

/** One side of the comparison: a labelled card; `tag` marks e.g. the value in force. */
export function Side({ label, title, tag, children, actions }: { label: string; title: ReactNode; tag?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="conflict-side" aria-label={label}>
      <header className="conflict-side-head">
        <h3>{title}</h3>
        {tag}
      </header>
      <div className="conflict-side-body">{children}</div>
      {actions && <div className="conflict-side-actions">{actions}</div>}
    </section>
  );
}

/** Sends one resolution; a refusal stays on screen in the user's language. */
export function useResolve(conflict: ConflictDto) {
  const { t } = useTranslation('conflicts');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function resolve(resolution: ConflictResolutionInput): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await useConflicts.getState().resolve(conflict.id, resolution);
      toast.success(t('resolved'));
      // The resolved conflict leaves the list: keep the keyboard in the inbox, on the next one.
      window.setTimeout(() => document.getElementById('conflict-detail-title')?.focus(), 0);
    } catch (error) {
      setFailure(adminError(t, error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, resolve };
}

export function Failure({ text }: { text: string | null }) {
  return text ? (
    <div className="alert" role="alert">
      {text}
    </div>
  ) : null;
}

/** A dt/dd list of what identifies a record (code, status, technician…), skipping empty values. */
export function Facts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    <dl className="conflict-facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The radio list of a conflict's resolutions: `prefix.<action>.label` and `.hint` name each one. */
export function ActionChoice<A extends string>({
  name,
  prefix,
  actions,
  value,
  onChange,
}: {
  name: string;
  prefix: string;
  actions: readonly A[];
  value: A;
  onChange: (action: A) => void;
}) {
  const { t } = useTranslation('conflicts');
  return (
    <fieldset className="conflict-choice">
      <legend>{t(`${prefix}.question`)}</legend>
      {actions.map((a) => (
        <label key={a}>
          <input type="radio" name={name} checked={value === a} onChange={() => onChange(a)} />
          <span>
            <strong>{t(`${prefix}.${a}.label`)}</strong>
            <span className="muted">{t(`${prefix}.${a}.hint`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
