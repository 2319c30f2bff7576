// An OT's checklist: the template of its type (setting checklistTemplates) merged with the answers stored on it,
// and the rule that required items must be answered before the OT is completed.
import { eq, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { settings, users, workOrderChecklistAnswers, workOrders } from '../../../db/schema';
import { AppError, notFound } from '../../contract';
import { checklistTemplatesInput, type ChecklistDto, type ChecklistEntryDto, type ChecklistItem, type ChecklistTemplates } from '../../contract/checklists';
import type { WorkOrderType } from '../../../shared/enums';

export type ChecklistAnswerRow = typeof workOrderChecklistAnswers.$inferSelect;
type ChecklistValue = ChecklistEntryDto['value'];

/** The last stored templates text and what it parsed to: every completion reads them, and they rarely change. */
let lastTemplates: { text: string | null; templates: ChecklistTemplates } | null = null;

function parseTemplates(text: string | null): ChecklistTemplates {
  try {
    const parsed = checklistTemplatesInput.safeParse(text === null ? {} : JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The template items of one OT type; a stored value the schema refuses (hand-edited, older build) counts as none. */
export function checklistTemplateOf(db: AppDb, otType: WorkOrderType): ChecklistItem[] {
  // The stored text as it is (sql, not the json column), so an unchanged setting is not parsed and validated again.
  const row = db.select({ text: sql<string>`${settings.value}` }).from(settings).where(eq(settings.key, 'checklistTemplates')).get();
  const text = row?.text ?? null;
  if (lastTemplates?.text !== text) {
    lastTemplates = { text, templates: parseTemplates(text) };
  }
  return lastTemplates.templates[otType] ?? [];
}

export function parseAnswerValue(stored: string | null): ChecklistValue {
  if (stored === null) return null;
  try {
    const value: unknown = JSON.parse(stored);
    return typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** A tick counts only when ticked, a text only when it says something; a number always. */
export function isAnswered(value: ChecklistValue): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  return value === true || typeof value === 'number';
}

function answersOf(db: AppDb, workOrderId: string) {
  return db
    .select({ answer: workOrderChecklistAnswers, answeredByName: users.fullName })
    .from(workOrderChecklistAnswers)
    .leftJoin(users, eq(users.id, workOrderChecklistAnswers.answeredBy))
    .where(eq(workOrderChecklistAnswers.workOrderId, workOrderId))
    .orderBy(workOrderChecklistAnswers.createdAt, workOrderChecklistAnswers.id)
    .all();
}

function entryOf(item: Pick<ChecklistEntryDto, 'key' | 'label' | 'kind' | 'unit' | 'required' | 'inTemplate'>, found: ReturnType<typeof answersOf>[number] | undefined): ChecklistEntryDto {
  const value = found ? parseAnswerValue(found.answer.value) : null;
  return {
    ...item,
    value,
    note: found?.answer.note ?? null,
    answered: isAnswered(value),
    answeredBy: found?.answer.answeredBy ? { id: found.answer.answeredBy, fullName: found.answeredByName ?? '' } : null,
    answeredAt: found ? found.answer.updatedAt : null,
  };
}

/**
 * The OT's checklist: the current template items in order with their answers, then answers whose item left the
 * template (or changed kind) as they were answered. Counts are of the current template. The PDF reads this too.
 */
export function checklistOf(db: AppDb, workOrderId: string): ChecklistDto {
  const workOrder = db.select({ id: workOrders.id, otType: workOrders.otType }).from(workOrders).where(eq(workOrders.id, workOrderId)).get();
  if (!workOrder) throw notFound('work order', workOrderId);
  const template = checklistTemplateOf(db, workOrder.otType);
  const answers = answersOf(db, workOrderId);
  const byKey = new Map(answers.map((found) => [found.answer.itemKey, found]));
  const current = template.map((item) => {
    const found = byKey.get(item.key);
    // An answer of another kind (the item was remade) belongs to the old item, shown below; this one starts empty.
    const matching = found && found.answer.kind === item.kind ? found : undefined;
    if (matching) byKey.delete(item.key);
    return entryOf({ key: item.key, label: item.label, kind: item.kind, unit: item.unit ?? null, required: item.required, inTemplate: true }, matching);
  });
  const former = [...byKey.values()]
    .filter((found) => isAnswered(parseAnswerValue(found.answer.value)) || found.answer.note)
    .map((found) => {
      const { itemKey, label, kind, unit, required } = found.answer;
      return entryOf({ key: itemKey, label, kind, unit, required, inTemplate: false }, found);
    });
  const missingRequired = missingRequiredLabels(template, answers.map((found) => found.answer));
  return {
    workOrderId,
    items: [...current, ...former],
    counts: {
      answered: current.filter((entry) => entry.answered).length,
      total: current.length,
      required: current.filter((entry) => entry.required).length,
      missingRequired,
    },
  };
}

/**
 * The labels of the template's required items with no answer. `answers` oldest first: each item's latest answer is
 * the one shown, and it counts only when answered and of the item's kind (another kind belongs to the item as it was
 * before it was remade).
 */
function missingRequiredLabels(template: readonly ChecklistItem[], answers: readonly Pick<ChecklistAnswerRow, 'itemKey' | 'kind' | 'value'>[]): string[] {
  const latest = new Map(answers.map((answer) => [answer.itemKey, answer]));
  const isAnsweredItem = (item: ChecklistItem) => {
    const answer = latest.get(item.key);
    return answer !== undefined && answer.kind === item.kind && isAnswered(parseAnswerValue(answer.value));
  };
  return template.filter((item) => item.required && !isAnsweredItem(item)).map((item) => item.label);
}

/** checklistOf's missingRequired, read leaner: the required items and the OT's answers, no DTO, no authors. */
function missingRequiredOf(db: AppDb, workOrder: { id: string; otType: WorkOrderType }): string[] {
  const template = checklistTemplateOf(db, workOrder.otType);
  if (!template.some((item) => item.required)) return [];
  const answers = db
    .select({ itemKey: workOrderChecklistAnswers.itemKey, kind: workOrderChecklistAnswers.kind, value: workOrderChecklistAnswers.value })
    .from(workOrderChecklistAnswers)
    .where(eq(workOrderChecklistAnswers.workOrderId, workOrder.id))
    .orderBy(workOrderChecklistAnswers.createdAt, workOrderChecklistAnswers.id)
    .all();
  return missingRequiredLabels(template, answers);
}

/** Completion (workOrders.complete, a close's 'complete') needs every required item of the OT's type answered. */
export function assertChecklistComplete(db: AppDb, workOrder: { id: string; code: string; otType: WorkOrderType }): void {
  const missingRequired = missingRequiredOf(db, workOrder);
  if (missingRequired.length === 0) return;
  throw new AppError('VALIDATION', `fill in the required checklist items of ${workOrder.code} first: ${missingRequired.join(', ')}`, {
    reason: 'checklist_incomplete',
    field: 'checklist',
    id: workOrder.id,
    code: workOrder.code,
    missing: missingRequired,
    missingList: missingRequired.join(', '),
  });
}
