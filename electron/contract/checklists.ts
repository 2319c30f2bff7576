// Checklists on OTs: the templates per OT type (the replicated setting checklistTemplates) and answering them.
import { z } from 'zod';
import { CHECKLIST_ITEM_KINDS, WORK_ORDER_TYPES, type ChecklistItemKind, type WorkOrderType } from '../../shared/enums';
import { byId, id, line, text, version } from './common';
import { channel } from './define';
import type { WorkOrderDetail } from './dto';

export const CHECKLIST_LIMITS = { items: 50, label: 120, unit: 12, text: 1000, note: 1000, key: 64 } as const;

/** A template item. The key is made once (a new item, or a new kind) and never reused: answers are kept by it. */
export interface ChecklistItem {
  key: string;
  label: string;
  kind: ChecklistItemKind;
  /** Only for a number: "bar", "°C", "V". */
  unit?: string | undefined;
  required: boolean;
}

/** Items per OT type; a type that is absent or empty has no checklist. */
export type ChecklistTemplates = Partial<Record<WorkOrderType, ChecklistItem[]>>;

const itemKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _')
  .max(CHECKLIST_LIMITS.key);

export const checklistItemInput = z
  .strictObject({
    key: itemKey,
    label: line(1, CHECKLIST_LIMITS.label),
    kind: z.enum(CHECKLIST_ITEM_KINDS),
    unit: line(0, CHECKLIST_LIMITS.unit).optional(),
    required: z.boolean(),
  })
  .superRefine((item, ctx) => {
    // A unit on a tick or a text would never be shown: said rather than dropped.
    if (item.kind !== 'number' && item.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'only a number has a unit', params: { reason: 'checklist_unit_not_number' } });
  })
  .transform(({ unit, ...item }): ChecklistItem => (unit ? { ...item, unit } : item));

const itemsOfType = z
  .array(checklistItemInput)
  .max(CHECKLIST_LIMITS.items, `at most ${CHECKLIST_LIMITS.items} items per OT type`)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'two items share a key', params: { reason: 'checklist_duplicate_key' } });
      seen.add(item.key);
    });
  });

/** The setting checklistTemplates, sent and stored whole. */
export const checklistTemplatesInput = z.strictObject(
  Object.fromEntries(WORK_ORDER_TYPES.map((type) => [type, itemsOfType.optional()])) as Record<WorkOrderType, z.ZodOptional<typeof itemsOfType>>,
);

/** One line of an OT's checklist: the template item (or, once removed from it, the item as it was answered). */
export interface ChecklistEntryDto {
  key: string;
  label: string;
  kind: ChecklistItemKind;
  unit: string | null;
  required: boolean;
  /** False when the template no longer has this item (or has it with another kind): kept because it was answered. */
  inTemplate: boolean;
  /** true/false for a check, a number, a string; null when not answered. */
  value: boolean | number | string | null;
  note: string | null;
  /** A check counts only when ticked, a text only when not empty. */
  answered: boolean;
  answeredBy: { id: string; fullName: string } | null;
  answeredAt: string | null;
}

export interface ChecklistDto {
  workOrderId: string;
  items: ChecklistEntryDto[];
  counts: {
    /** Items of the current template answered. */
    answered: number;
    /** Items in the current template. */
    total: number;
    required: number;
    /** Labels of the required items still unanswered, in template order. */
    missingRequired: string[];
  };
}

export const answerChecklistInput = z.strictObject({
  id,
  version,
  itemKey,
  /** Checked against the item's kind by the service (VALIDATION checklist_wrong_type); null clears the answer. */
  value: z.union([z.boolean(), z.number(), z.string().max(CHECKLIST_LIMITS.text), z.null()]),
  /** Absent: the note stays as it is; '' or null removes it. */
  note: text(CHECKLIST_LIMITS.note).nullable().optional(),
});

export const checklistChannels = {
  'workOrders.checklist': channel<ChecklistDto>()({ input: byId, access: 'workorders:read' }),
  /** One answer; moves the OT's version like any other change to it (and adds a timeline line). */
  'workOrders.answerChecklist': channel<WorkOrderDetail>()({ input: answerChecklistInput, access: 'workorders:execute' }),
};
