// Administración → Listas de comprobación: the items of each OT type's checklist (add, edit, reorder, remove), saved
// whole with the setting's version (someone else's save first: theirs is loaded and said so).
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_ITEM_KINDS, WORK_ORDER_TYPES, type ChecklistItemKind, type WorkOrderType } from '../../../../electron/contract';
import { CHECKLIST_LIMITS } from '../../../../electron/contract/checklists';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { blankItem, draftOf, moved, readChecklistDraft, serverErrors, withKind, type ChecklistDraft, type DraftItem } from './checklistDraft';
import { adminError, isStaleVersion } from './shared';
import './checklists.css';

type Focus = { key: string; target: 'label' | 'up' | 'down' | 'add' } | null;

function ItemRow({
  item,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  item: DraftItem;
  index: number;
  count: number;
  errors: { label?: string | undefined; unit?: string | undefined };
  onChange: (item: DraftItem) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('checklists');
  const name = item.label.trim() || t('admin.itemNumber', { n: index + 1 });
  const ids = { label: `ck-label-${item.key}`, unit: `ck-unit-${item.key}` };
  return (
    <li className="ck-item" data-item={item.key}>
      <span className="ck-index mono" aria-hidden="true">
        {index + 1}
      </span>
      <div className="ck-fields">
        <div className="ck-label">
          <input
            id={ids.label}
            data-focus="label"
            value={item.label}
            maxLength={CHECKLIST_LIMITS.label + 20}
            placeholder={t('admin.labelPlaceholder')}
            aria-label={t('admin.labelOf', { n: index + 1 })}
            aria-invalid={errors.label ? true : undefined}
            aria-describedby={errors.label ? `${ids.label}-error` : undefined}
            onChange={(e) => onChange({ ...item, label: e.target.value })}
          />
          {errors.label && (
            <small id={`${ids.label}-error`} className="field-error" role="alert">
              {errors.label}
            </small>
          )}
        </div>
        <select aria-label={t('admin.kindOf', { name })} value={item.kind} onChange={(e) => onChange(withKind(item, e.target.value as ChecklistItemKind))}>
          {CHECKLIST_ITEM_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
        <div className="ck-unit">
          {item.kind === 'number' ? (
            <input
              id={ids.unit}
              value={item.unit}
              placeholder={t('admin.unitPlaceholder')}
              aria-label={t('admin.unitOf', { name })}
              aria-invalid={errors.unit ? true : undefined}
              aria-describedby={errors.unit ? `${ids.unit}-error` : undefined}
              onChange={(e) => onChange({ ...item, unit: e.target.value })}
            />
          ) : (
            <span className="muted" aria-hidden="true">
              —
            </span>
          )}
          {errors.unit && (
            <small id={`${ids.unit}-error`} className="field-error" role="alert">
              {errors.unit}
            </small>
          )}
        </div>
        <label className="ck-required">
          <input type="checkbox" checked={item.required} onChange={(e) => onChange({ ...item, required: e.target.checked })} />
          {t('admin.required')}
        </label>
        {item.saved && item.saved.kind !== item.kind && <small className="ck-remade muted">{t('admin.kindChanged')}</small>}
      </div>
      <div className="ck-row-actions">
        <button type="button" className="btn btn-ghost" data-focus="up" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('admin.moveUpOf', { name })}>
          <ArrowUp size={14} aria-hidden="true" />
          {t('admin.moveUp')}
        </button>
        <button type="button" className="btn btn-ghost" data-focus="down" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('admin.moveDownOf', { name })}>
          <ArrowDown size={14} aria-hidden="true" />
          {t('admin.moveDown')}
        </button>
        <button type="button" className="btn btn-ghost btn-icon" onClick={onRemove} aria-label={t('admin.removeOf', { name })} title={t('admin.remove')}>
          <Trash2 size={14} aria-hidden="true" />
        </button>
      </div>
    </li>
  );
}

export function ChecklistTemplatesSection() {
  const { t } = useTranslation('checklists');
  const stored = useSession((s) => s.settings?.checklistTemplates);
  const [draft, setDraft] = useState<ChecklistDraft | null>(stored ? draftOf(stored) : null);
  const [type, setType] = useState<WorkOrderType>('repair');
  const [edited, setEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<Focus>(null);

  useEffect(() => {
    if (stored && !edited) setDraft(draftOf(stored));
  }, [stored, edited]);
  // After a move, the focus follows the moved item (its same button); after an add, the new item's text.
  useEffect(() => {
    if (!focus) return;
    const row = document.querySelector(`[data-item="${focus.key}"]`);
    const control = row?.querySelector<HTMLElement>(`[data-focus="${focus.target}"]`);
    if (control && !(control as HTMLButtonElement).disabled) control.focus();
    else row?.querySelector<HTMLElement>('[data-focus="label"]')?.focus();
    setFocus(null);
  }, [focus]);
  if (!draft) return null;

  const items = draft[type];
  const change = (next: DraftItem[]) => {
    setEdited(true);
    const whole = { ...draft, [type]: next };
    setDraft(whole);
    // Once errors show, they follow the values: a fixed cell loses its message at once.
    if (Object.keys(errors).length > 0) setErrors(readChecklistDraft(whole, t).errors);
  };
  const errorsOf = (index: number) => ({ label: errors[`${type}.${index}.label`], unit: errors[`${type}.${index}.unit`] });
  const typesWithErrors = new Set(Object.keys(errors).map((key) => key.split('.')[0]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const read = readChecklistDraft(draft, t);
    setErrors(read.errors);
    setFailure(null);
    if (!read.templates) {
      const first = WORK_ORDER_TYPES.find((candidate) => Object.keys(read.errors).some((key) => key.split('.')[0] === candidate));
      if (first && first !== type) setType(first);
      setFailure(t('admin.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const version = useSession.getState().settings?.versions.checklistTemplates ?? 0;
      await api.call('settings.update', { checklistTemplates: read.templates, versions: { checklistTemplates: version } });
      setEdited(false);
      await useSession.getState().refreshSettings();
      toast.success(t('admin.saved'));
    } catch (error) {
      if (isStaleVersion(error)) {
        // Someone else saved the lists first: theirs replace this draft, so a second save does not undo their work.
        setEdited(false);
        await useSession.getState().refreshSettings().catch(() => undefined);
        setFailure(t('admin.stale'));
      } else {
        if (error instanceof ApiError && error.code === 'VALIDATION') setErrors(serverErrors((error.shape.details?.issues ?? []) as { path: string; message: string }[]));
        setFailure(adminError(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    setEdited(false);
    setErrors({});
    setFailure(null);
    if (stored) setDraft(draftOf(stored));
  }

  return (
    <form className="card checklist-admin" onSubmit={(e) => void submit(e)} aria-labelledby="checklists-title" noValidate>
      <h2 id="checklists-title">{t('admin.title')}</h2>
      <p className="muted">{t('admin.help')}</p>
      <div className="ck-type-row">
        <label htmlFor="ck-type">{t('admin.type')}</label>
        <select id="ck-type" value={type} onChange={(e) => setType(e.target.value as WorkOrderType)}>
          {WORK_ORDER_TYPES.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`common:workOrderType.${candidate}`)} ({draft[candidate].length}){typesWithErrors.has(candidate) ? ' ⚠' : ''}
            </option>
          ))}
        </select>
        <span className="muted" aria-live="polite">
          {t('admin.count', { count: items.length, required: items.filter((item) => item.required).length, max: CHECKLIST_LIMITS.items })}
        </span>
      </div>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {errors[type] && (
        <div className="alert" role="alert">
          {errors[type]}
        </div>
      )}
      {items.length === 0 ? (
        <p className="empty-line muted">{t('admin.empty', { type: t(`common:workOrderType.${type}`) })}</p>
      ) : (
        <ol className="ck-items" aria-label={t('admin.itemsOf', { type: t(`common:workOrderType.${type}`) })}>
          {items.map((item, index) => (
            <ItemRow
              key={item.saved?.key ?? item.key}
              item={item}
              index={index}
              count={items.length}
              errors={errorsOf(index)}
              onChange={(next) => change(items.map((candidate, i) => (i === index ? next : candidate)))}
              onMove={(delta) => {
                change(moved(items, index, delta));
                setFocus({ key: item.key, target: delta < 0 ? 'up' : 'down' });
              }}
              onRemove={() => change(items.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
      )}
      <div className="btn-row ck-footer">
        <button
          type="button"
          className="btn"
          disabled={items.length >= CHECKLIST_LIMITS.items}
          onClick={() => {
            const item = blankItem();
            change([...items, item]);
            setFocus({ key: item.key, target: 'label' });
          }}
        >
          <Plus size={14} aria-hidden="true" />
          {t('admin.add')}
        </button>
        <span className="spacer" />
        {edited && (
          <button type="button" className="btn btn-ghost" onClick={discard} disabled={busy}>
            {t('admin.discard')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy || !edited}>
          {busy ? t('common:state.saving') : t('admin.save')}
        </button>
      </div>
    </form>
  );
}
