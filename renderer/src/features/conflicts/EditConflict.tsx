// A text field changed on two copies from the same starting text: keep one of the values, or write the final text.
import { Check } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConcurrentEditConflictDto } from '../../../../electron/contract/conflicts';
import { Field } from '../../components/Field';
import { fieldLabel, whoOf } from './describe';
import { Failure, Side, Stamp, useResolve } from './parts';

export function EditConflict({ conflict, open }: { conflict: ConcurrentEditConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const current = conflict.values.find((v) => v.current) ?? conflict.values.at(-1);
  // The field may have been edited again since (on top of one of the values, or of the decision): that later text is
  // what it holds now.
  const { changedSince } = conflict;
  const [text, setText] = useState((changedSince ? conflict.currentValue : current?.value) ?? '');
  const [note, setNote] = useState('');
  const withNote = note.trim() ? { note: note.trim() } : {};

  function saveText(event: FormEvent) {
    event.preventDefault();
    void resolve({ action: 'edit', value: text, ...withNote });
  }

  return (
    <>
      {!conflict.exists && <p className="conflict-notice">{t('edit.deleted')}</p>}
      <div className="conflict-sides">
        {conflict.values.map((v, index) => (
          <Side
            key={v.hlc}
            label={t('edit.sideLabel', { n: index + 1, who: whoOf(t, v) })}
            title={<Stamp stamp={v} />}
            tag={v.current ? <span className="badge badge-ot-completed">{t('edit.current')}</span> : undefined}
            actions={
              open && (
                <button type="button" className="btn" disabled={busy} onClick={() => void resolve({ action: 'choose', hlc: v.hlc, ...withNote })} aria-label={t('edit.chooseLabel', { who: whoOf(t, v) })}>
                  <Check size={14} aria-hidden="true" />
                  {t('edit.choose')}
                </button>
              )
            }
          >
            <div className="conflict-value">{v.value ? v.value : <em className="muted">{t('edit.emptyValue')}</em>}</div>
          </Side>
        ))}
      </div>
      {changedSince && (
        <div className="conflict-now">
          <span className="muted">{t('edit.changedSince')}</span>
          <div className="conflict-value">{conflict.currentValue || <em className="muted">{t('edit.emptyValue')}</em>}</div>
        </div>
      )}
      {conflict.original !== null && (
        <details className="conflict-original">
          <summary>{t('edit.original')}</summary>
          <div className="conflict-value">{conflict.original || <em className="muted">{t('edit.emptyValue')}</em>}</div>
        </details>
      )}
      {open && (
        <form className="conflict-actions" onSubmit={saveText} noValidate>
          <Failure text={failure} />
          <Field label={t('edit.ownText', { field: fieldLabel(t, conflict.field).toLowerCase() })} hint={t('edit.ownTextHint')}>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={conflict.field === 'title' || conflict.field === 'name' ? 2 : 4} />
          </Field>
          <Field label={t('note')} hint={t('noteHint')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('edit.save')}
          </button>
        </form>
      )}
    </>
  );
}
