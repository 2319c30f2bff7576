// The checklist templates as the admin screen edits them (pure: no DOM), and what a save sends.
import { WORK_ORDER_TYPES, type ChecklistItemKind, type WorkOrderType } from '../../../../electron/contract';
import { CHECKLIST_LIMITS, type ChecklistItem, type ChecklistTemplates } from '../../../../electron/contract/checklists';

export interface DraftItem {
  key: string;
  label: string;
  kind: ChecklistItemKind;
  unit: string;
  required: boolean;
  /** The item as saved, when it was: changing its kind makes a new item (answers stay with the old key). */
  saved: { key: string; kind: ChecklistItemKind } | null;
}

export type ChecklistDraft = Record<WorkOrderType, DraftItem[]>;

/** A key nobody else has: made once per new item (and per kind change of a saved one). */
export function newKey(): string {
  return crypto.randomUUID();
}

export function draftOf(templates: ChecklistTemplates): ChecklistDraft {
  return Object.fromEntries(
    WORK_ORDER_TYPES.map((type) => [
      type,
      (templates[type] ?? []).map((item) => ({ key: item.key, label: item.label, kind: item.kind, unit: item.unit ?? '', required: item.required, saved: { key: item.key, kind: item.kind } })),
    ]),
  ) as ChecklistDraft;
}

export function blankItem(): DraftItem {
  return { key: newKey(), label: '', kind: 'check', unit: '', required: false, saved: null };
}

/** Back to its saved kind: its saved key again; any other kind: a key of its own. */
export function withKind(item: DraftItem, kind: ChecklistItemKind): DraftItem {
  if (kind === item.kind) return item;
  const key = item.saved?.kind === kind ? item.saved.key : item.saved && item.key === item.saved.key ? newKey() : item.key;
  return { ...item, kind, key, unit: kind === 'number' ? item.unit : '' };
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moved<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What a save sends, or the message for each wrong cell (`type.index.label`, `type.index.unit`, `type`). */
export function readChecklistDraft(draft: ChecklistDraft, t: Translate): { templates: ChecklistTemplates | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const templates: ChecklistTemplates = {};
  for (const type of WORK_ORDER_TYPES) {
    const items = draft[type];
    if (items.length > CHECKLIST_LIMITS.items) errors[type] = t('admin.tooMany', { max: CHECKLIST_LIMITS.items });
    const out: ChecklistItem[] = [];
    items.forEach((item, index) => {
      const label = item.label.trim();
      const unit = item.unit.trim();
      if (!label) errors[`${type}.${index}.label`] = t('admin.labelRequired');
      else if (label.length > CHECKLIST_LIMITS.label) errors[`${type}.${index}.label`] = t('admin.labelTooLong', { max: CHECKLIST_LIMITS.label });
      if (item.kind === 'number' && unit.length > CHECKLIST_LIMITS.unit) errors[`${type}.${index}.unit`] = t('admin.unitTooLong', { max: CHECKLIST_LIMITS.unit });
      out.push({ key: item.key, label, kind: item.kind, ...(item.kind === 'number' && unit ? { unit } : {}), required: item.required });
    });
    if (out.length > 0) templates[type] = out;
  }
  return { templates: Object.keys(errors).length === 0 ? templates : null, errors };
}

/** A refusal's issues (`checklistTemplates.repair.0.label`) as this screen's cell keys. */
export function serverErrors(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [head, ...rest] = issue.path.split('.');
    if (head !== 'checklistTemplates' || rest.length === 0) continue;
    const key = rest.join('.');
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}
