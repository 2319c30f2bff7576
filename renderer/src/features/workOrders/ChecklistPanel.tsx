// The OT's checklist: each item of its type's template as the right control (tick, number with unit, text), saved
// on change or when leaving the box; required ones marked; a line saying what is still missing. Read-only once final.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import type { ChecklistDto, ChecklistEntryDto } from '../../../../electron/contract/checklists';
import { api } from '../../api/client';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { useWorkOrderAction, workOrderError } from './actions';
import { decimalText, parseDecimal } from './checklistValue';
import { useWorkOrders } from './store';
import './checklist.css';

type Value = ChecklistEntryDto['value'];
type Save = (entry: ChecklistEntryDto, value: Value, note?: string | null) => Promise<boolean>;

/** Answers go one at a time, each with the OT version the previous one left (every answer moves it). */
function useAnswerQueue(workOrderId: string): Save {
  const run = useWorkOrderAction();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(
    (entry, value, note) => {
      const next = queue.current.then(() =>
        run(workOrderId, () => {
          const version = useWorkOrders.getState().detail?.version ?? 0;
          return api.call('workOrders.answerChecklist', { id: workOrderId, version, itemKey: entry.key, value, ...(note !== undefined ? { note } : {}) });
        }),
      );
      queue.current = next.catch(() => undefined);
      return next;
    },
    [run, workOrderId],
  );
}

function ReadOnlyValue({ entry }: { entry: ChecklistEntryDto }) {
  const { t } = useTranslation('checklists');
  if (entry.value === null || (typeof entry.value === 'string' && !entry.value)) return <span className="muted">{t('panel.unanswered')}</span>;
  if (typeof entry.value === 'boolean') return <span>{entry.value ? t('panel.yes') : t('panel.no')}</span>;
  if (typeof entry.value === 'number') return <span className="mono">{[formatNumber(entry.value), entry.unit].filter(Boolean).join(' ')}</span>;
  return <span className="ck-text-value">{entry.value}</span>;
}

/** A tick shows its new state at once (the answer follows); a refused save puts it back. */
function CheckControl({ entry, save, labelId }: { entry: ChecklistEntryDto; save: Save; labelId: string }) {
  const [pending, setPending] = useState<boolean | null>(null);
  useEffect(() => setPending(null), [entry.value]);
  return (
    <input
      type="checkbox"
      className="ck-check"
      aria-labelledby={labelId}
      checked={pending ?? entry.value === true}
      onChange={(e) => {
        const checked = e.target.checked;
        setPending(checked);
        void save(entry, checked).then((ok) => {
          if (!ok) setPending(null);
        });
      }}
    />
  );
}

function ItemControl({ entry, save, labelId }: { entry: ChecklistEntryDto; save: Save; labelId: string }) {
  const { t, i18n } = useTranslation('checklists');
  const shown = (value: Value) => (typeof value === 'number' ? decimalText(value, i18n.language) : typeof value === 'string' ? value : '');
  const [draft, setDraft] = useState(shown(entry.value));
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  // A fresh answer from the server (this save, or someone else's) replaces the box unless the person is typing.
  useEffect(() => {
    if (!dirty) setDraft(shown(entry.value));
  }, [entry.value]);
  const errorId = `${labelId}-error`;

  if (entry.kind === 'check') return <CheckControl entry={entry} save={save} labelId={labelId} />;

  async function commit() {
    if (!dirty) return;
    let value: Value;
    if (entry.kind === 'number') {
      const parsed = parseDecimal(draft, i18n.language);
      if (parsed === 'invalid') return setError(t('panel.notANumber'));
      value = parsed;
    } else {
      value = draft.trim() === '' ? null : draft;
    }
    setError(null);
    const ok = await save(entry, value);
    if (ok) setDirty(false);
  }

  const common = {
    'aria-labelledby': labelId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    value: draft,
    onBlur: () => void commit(),
  } as const;
  return (
    <div className="ck-answer">
      {entry.kind === 'number' ? (
        <span className="ck-number">
          <input
            {...common}
            inputMode="decimal"
            onChange={(e) => {
              setDraft(e.target.value);
              setDirty(true);
              if (error) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit();
            }}
          />
          {entry.unit && <span className="ck-unit-label">{entry.unit}</span>}
        </span>
      ) : (
        <textarea
          {...common}
          rows={1}
          maxLength={1000}
          onChange={(e) => {
            setDraft(e.target.value);
            setDirty(true);
          }}
        />
      )}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** A note under an answer: shown as text when read-only; an input once asked for (or when there is one). */
function NoteField({ entry, save, editable, opened, onDone }: { entry: ChecklistEntryDto; save: Save; editable: boolean; opened: boolean; onDone: () => void }) {
  const { t } = useTranslation('checklists');
  const [draft, setDraft] = useState(entry.note ?? '');
  useEffect(() => setDraft(entry.note ?? ''), [entry.note]);
  if (!editable) return entry.note ? <p className="ck-note muted">{t('panel.noteShown', { note: entry.note })}</p> : null;
  if (!opened && !entry.note) return null;
  return (
    <input
      className="ck-note-input"
      value={draft}
      maxLength={1000}
      autoFocus={opened && !entry.note}
      aria-label={t('panel.noteOf', { label: entry.label })}
      placeholder={t('panel.notePlaceholder')}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (draft.trim() !== (entry.note ?? '')) void save(entry, entry.value, draft.trim() || null);
        else if (!draft.trim()) onDone();
      }}
    />
  );
}

function EntryRow({ entry, save, editable, labelId }: { entry: ChecklistEntryDto; save: Save; editable: boolean; labelId: string }) {
  const { t } = useTranslation('checklists');
  const [noteOpen, setNoteOpen] = useState(false);
  const canAnswer = editable && entry.inTemplate;
  return (
    <li className={`ck-entry ck-entry-${entry.kind}${entry.answered ? ' ck-entry-answered' : ''}`} data-item={entry.key}>
      <div className="ck-entry-head">
        <span id={labelId} className="ck-entry-label">
          {entry.label}
          {entry.required && (
            <span className="ck-required-mark" title={t('panel.required')}>
              {' *'}
              <span className="sr-only">{t('panel.requiredSr')}</span>
            </span>
          )}
        </span>
        {!entry.inTemplate && <span className="badge ck-former">{t('panel.former')}</span>}
      </div>
      <div className="ck-entry-body">
        {canAnswer ? <ItemControl entry={entry} save={save} labelId={labelId} /> : <ReadOnlyValue entry={entry} />}
        {entry.answeredBy && entry.answeredAt && <small className="muted ck-who">{t('panel.answeredBy', { name: entry.answeredBy.fullName, when: formatDateTime(entry.answeredAt) })}</small>}
        {canAnswer && !noteOpen && !entry.note && (
          <button type="button" className="btn btn-ghost ck-note-toggle" onClick={() => setNoteOpen(true)} aria-label={t('panel.addNoteTo', { label: entry.label })}>
            {t('panel.addNote')}
          </button>
        )}
      </div>
      <NoteField entry={entry} save={save} editable={canAnswer} opened={noteOpen} onDone={() => setNoteOpen(false)} />
    </li>
  );
}

function useChecklist(workOrder: WorkOrderDetail): { checklist: ChecklistDto | null; failure: unknown } {
  const [checklist, setChecklist] = useState<ChecklistDto | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [templatesSeen, setTemplatesSeen] = useState(0);
  // A template saved in Administración (here or on a team member's laptop) shows without reopening the OT.
  useDomainEvents((event) => event.entity === 'settings', () => setTemplatesSeen((n) => n + 1));
  // Every answer moves the OT's version: the checklist is read again with it (and after anyone else's change).
  useEffect(() => {
    let current = true;
    api.call('workOrders.checklist', { id: workOrder.id }).then(
      (found) => {
        if (!current) return;
        setChecklist(found);
        setFailure(null);
      },
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [workOrder.id, workOrder.version, templatesSeen]);
  return { checklist, failure };
}

export function ChecklistPanel({ workOrder, editable }: { workOrder: WorkOrderDetail; editable: boolean }) {
  const { t } = useTranslation('checklists');
  const { checklist, failure } = useChecklist(workOrder);
  const save = useAnswerQueue(workOrder.id);
  if (failure && !checklist) {
    return (
      <section className="card" aria-labelledby="ot-checklist-title">
        <h2 id="ot-checklist-title">{t('panel.title')}</h2>
        <div className="alert" role="alert">
          {workOrderError(t, failure)}
        </div>
      </section>
    );
  }
  // No template for this OT type and nothing answered: no card at all.
  if (!checklist || checklist.items.length === 0) return null;
  const { counts } = checklist;
  const missing = counts.missingRequired;
  return (
    <section className="card ot-checklist" aria-labelledby="ot-checklist-title">
      <h2 id="ot-checklist-title">{t('panel.title')}</h2>
      <p className={`ck-progress${missing.length > 0 ? ' ck-progress-missing' : ''}`} aria-live="polite" data-testid="checklist-progress">
        {t('panel.progress', { answered: counts.answered, total: counts.total })}
        {missing.length > 0 && `; ${t('panel.missing', { labels: missing.join(', ') })}`}
      </p>
      <ul className="ck-list">
        {checklist.items.map((entry) => (
          <EntryRow key={`${entry.key}:${entry.inTemplate ? 't' : 'f'}`} entry={entry} save={save} editable={editable} labelId={`ck-${workOrder.id}-${entry.key}`} />
        ))}
      </ul>
    </section>
  );
}
