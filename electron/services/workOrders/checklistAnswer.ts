// Answering one checklist item of an OT: checked against the template item's kind, stored on one row per item
// (`${workOrderId}:${itemKey}`), written as an OT change (its version moves, the timeline gets one line).
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { workOrderChecklistAnswers } from '../../../db/schema';
import { AppError, type WorkOrderDetail } from '../../contract';
import { CHECKLIST_LIMITS, type answerChecklistInput, type ChecklistEntryDto, type ChecklistItem } from '../../contract/checklists';
import type { ServiceContext } from '../context';
import { assertMayExecute } from './access';
import { checklistTemplateOf, parseAnswerValue } from './checklist';
import { changeWorkOrder } from './commands';
import { assertNotFinal, loadWorkOrderAt, saveWorkOrder, workOrderEvent } from './lifecycle';

type AnswerInput = z.output<typeof answerChecklistInput>;
type ChecklistValue = ChecklistEntryDto['value'];

function wrongType(item: ChecklistItem, message: string): AppError {
  return new AppError('VALIDATION', `${item.label}: ${message}`, { reason: 'checklist_wrong_type', field: 'value', itemKey: item.key, kind: item.kind });
}

/** The value as stored for this item's kind: a tick is true/false, a number finite, a text trimmed (empty clears it). */
export function checkedValue(item: ChecklistItem, value: ChecklistValue): ChecklistValue {
  if (value === null) return null;
  switch (item.kind) {
    case 'check':
      if (typeof value !== 'boolean') throw wrongType(item, 'answer with true or false');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(item, 'answer with a number');
      return value;
    case 'text': {
      if (typeof value !== 'string') throw wrongType(item, 'answer with text');
      const trimmed = value.trim();
      if (trimmed.length > CHECKLIST_LIMITS.text) throw wrongType(item, `at most ${CHECKLIST_LIMITS.text} characters`);
      return trimmed === '' ? null : trimmed;
    }
  }
}

const spanishNumber = new Intl.NumberFormat('es-ES', { maximumFractionDigits: 6, useGrouping: false });

/** The stored (Spanish) timeline words of a value: "Sí", "2,5 bar", "«Sin fugas»"; screens word it from meta_data. */
export function valueWords(item: Pick<ChecklistItem, 'kind' | 'unit'>, value: ChecklistValue): string {
  if (value === null) return 'sin respuesta';
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  if (typeof value === 'number') return [spanishNumber.format(value), item.unit].filter(Boolean).join(' ');
  return `«${value.length > 80 ? `${value.slice(0, 79)}…` : value}»`;
}

function upsertAnswer(tx: AppDb, workOrderId: string, item: ChecklistItem, value: ChecklistValue, note: string | null | undefined, actorId: string, at: string): void {
  const id = `${workOrderId}:${item.key}`;
  const fields = {
    label: item.label,
    kind: item.kind,
    unit: item.unit ?? null,
    required: item.required,
    value: value === null ? null : JSON.stringify(value),
    answeredBy: actorId,
    updatedAt: at,
    ...(note !== undefined ? { note: note?.trim() || null } : {}),
  };
  const existing = tx.select({ version: workOrderChecklistAnswers.version }).from(workOrderChecklistAnswers).where(eq(workOrderChecklistAnswers.id, id)).get();
  if (existing) {
    tx.update(workOrderChecklistAnswers).set({ ...fields, version: existing.version + 1 }).where(eq(workOrderChecklistAnswers.id, id)).run();
  } else {
    tx.insert(workOrderChecklistAnswers).values({ id, workOrderId, itemKey: item.key, ...fields, createdAt: at }).run();
  }
}

/** Records one answer; the OT must be open and the caller one who may carry it out. */
export function answerChecklist(ctx: ServiceContext, input: AnswerInput): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertNotFinal(row);
    const item = checklistTemplateOf(tx, row.otType).find((candidate) => candidate.key === input.itemKey);
    if (!item) {
      throw new AppError('VALIDATION', `the checklist of ${row.code} has no item ${input.itemKey}`, { reason: 'checklist_unknown_item', field: 'itemKey', itemKey: input.itemKey });
    }
    const value = checkedValue(item, input.value);
    const before = tx.select().from(workOrderChecklistAnswers).where(eq(workOrderChecklistAnswers.id, `${row.id}:${item.key}`)).get();
    const sameValue = before !== undefined && before.kind === item.kind && JSON.stringify(parseAnswerValue(before.value)) === JSON.stringify(value);
    const sameNote = input.note === undefined || (before?.note ?? null) === (input.note?.trim() || null);
    // Saved on blur: sending what is already there changes nothing and adds no line.
    if ((sameValue || (before === undefined && value === null)) && sameNote) return row;
    upsertAnswer(tx, row.id, item, value, input.note, actor.id, at);
    saveWorkOrder(tx, row, {}, at);
    workOrderEvent(
      tx,
      row,
      row.status,
      actor.id,
      at,
      { change: 'checklist', checklist: { key: item.key, label: item.label, kind: item.kind, unit: item.unit ?? null, value } },
      `${row.code}: Lista: ${item.label} = ${valueWords(item, value)}`,
    );
    return row;
  });
}
