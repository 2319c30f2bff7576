// The conflict inbox: what a merge could not settle alone, shown so a supervisor decides without opening
// another screen, and resolved with an ordinary edit plus a replicated resolution row (see DESIGN.md "Team sync").
import { z } from 'zod';
import type { TicketStatus, WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import { id, nonEmpty, optionalText, text } from './common';
import { CONFLICT_INBOX_ACCESS } from './access';
import { channel } from './define';

export const CONFLICT_KINDS = ['concurrent_edit', 'closed_ticket_open_ot', 'duplicate_serial', 'duplicate_customer', 'ticket_close_undone', 'started_ot_cancelled'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export type ConflictStatus = 'open' | 'resolved';

/** Who did something, when (the wall time of its clock stamp) and on which laptop of the team. */
export interface ConflictStampDto {
  at: string | null;
  userId: string | null;
  userName: string | null;
  deviceId: string | null;
  /** The member's name in the team; null when the device is not (or no longer) a known member. */
  deviceName: string | null;
}

export interface ConflictTicketRef {
  id: string;
  code: string;
  title: string;
  status: TicketStatus;
}

export interface ConflictWorkOrderRef {
  id: string;
  code: string;
  status: WorkOrderStatus;
  otType: WorkOrderType;
}

/** One of the values two or more copies wrote into the same field from the same starting point. */
export interface ConflictEditValueDto extends ConflictStampDto {
  /** Identifies this edit; `choose` names it. */
  hlc: string;
  value: string | null;
  /** The value the field holds now (the later writer won the merge). */
  current: boolean;
}

const noteText = optionalText(2_000);

/** How a supervisor settles a conflict; which actions fit which kind is checked by the service. */
export const conflictResolution = z.discriminatedUnion('action', [
  /** concurrent_edit: keep one of the edited values. */
  z.strictObject({ action: z.literal('choose'), hlc: z.string().min(1).max(64), note: noteText }),
  /** concurrent_edit: write a value of one's own (e.g. both texts joined). */
  z.strictObject({ action: z.literal('edit'), value: text(20_000), note: noteText }),
  /** closed_ticket_open_ot: the visit happened; complete the OT with what was done. */
  z.strictObject({ action: z.literal('complete'), notes: nonEmpty(20_000), note: noteText }),
  /** closed_ticket_open_ot: the visit is not needed. */
  z.strictObject({ action: z.literal('cancel'), reason: nonEmpty(1_000), note: noteText }),
  /** closed_ticket_open_ot: the ticket was closed too early. */
  z.strictObject({ action: z.literal('reopen'), reason: nonEmpty(1_000), note: noteText }),
  /** duplicate_serial: they really are two parts; say why. */
  z.strictObject({ action: z.literal('keep'), note: nonEmpty(2_000) }),
  /** duplicate_serial: one of the items was logged by mistake. */
  z.strictObject({ action: z.literal('remove'), itemId: id, note: noteText }),
  /** duplicate_customer: two customers that happen to share a name. */
  z.strictObject({ action: z.literal('keep_both'), note: noteText }),
  /** duplicate_customer: one customer entered twice. The row with the smallest id survives whatever is picked (so two
   *  copies picking opposite ones converge); it takes `keepId`'s details (empty ones filled from the others) and all
   *  their tickets, and the others are deleted. */
  z.strictObject({ action: z.literal('merge'), keepId: id, note: noteText }),
  /** ticket_close_undone: the close stands; the ticket goes back to closed with its resolution. */
  z.strictObject({ action: z.literal('close'), note: noteText }),
  /** ticket_close_undone: the work goes on; the close is cleared (resolution and close time) with the reason, as a reopen. */
  z.strictObject({ action: z.literal('keep_open'), reason: nonEmpty(1_000), note: noteText }),
  /** started_ot_cancelled: seen; the OT stays cancelled (a visit still needed is asked for again on its ticket). */
  z.strictObject({ action: z.literal('acknowledge'), note: noteText }),
]);
export type ConflictResolutionInput = z.output<typeof conflictResolution>;
export type ConflictAction = ConflictResolutionInput['action'];

export const ACTIONS_BY_KIND: Record<ConflictKind, readonly ConflictAction[]> = {
  concurrent_edit: ['choose', 'edit'],
  closed_ticket_open_ot: ['complete', 'cancel', 'reopen'],
  duplicate_serial: ['keep', 'remove'],
  duplicate_customer: ['keep_both', 'merge'],
  ticket_close_undone: ['close', 'keep_open'],
  started_ot_cancelled: ['acknowledge'],
};

/** What was decided: the action as sent (without its note), plus the value written for `choose`. */
export type ConflictChoiceDto = (ConflictResolutionInput extends infer Choice ? (Choice extends unknown ? Omit<Choice, 'note'> : never) : never) & {
  value?: string | null;
};

export interface ConflictResolutionDto {
  id: string;
  resolvedBy: { id: string; fullName: string } | null;
  /** The computer it was decided on (the team member's name); null when unknown. */
  deviceName: string | null;
  at: string;
  choice: ConflictChoiceDto;
  note: string | null;
}

export interface ConflictBaseFields {
  /** Derived from the ops involved: the same on every copy. */
  id: string;
  status: ConflictStatus;
  /** When this copy first saw the conflict. */
  createdAt: string;
  /** The first resolution (two copies may resolve offline at once; the earliest is shown). */
  resolution: ConflictResolutionDto | null;
  /** Decisions made on other copies before they heard of the first, oldest first: each is an edit of its own. */
  laterResolutions: ConflictResolutionDto[];
}

export type ConflictRecordEntity = 'ticket' | 'workOrder' | 'customer' | 'product';

export interface ConcurrentEditConflictDto extends ConflictBaseFields {
  kind: 'concurrent_edit';
  entity: ConflictRecordEntity;
  rowId: string;
  /** Field name as in the record's DTO: title, description, resolution, notes, name, address. */
  field: string;
  /** The record in words: a ticket or OT code with the ticket title, or the customer or product name. */
  label: string;
  ticket: ConflictTicketRef | null;
  workOrder: ConflictWorkOrderRef | null;
  /** The value both edits started from, when it is known. */
  original: string | null;
  /** What the field holds now: one of the values, or a later edit made on top of one (null also when deleted). */
  currentValue: string | null;
  /**
   * The field was edited again since: it holds neither one of the values (open) nor the value the decision wrote
   * (resolved: the supervisor's own text is the decision, not a later change). False when the record is gone.
   */
  changedSince: boolean;
  values: ConflictEditValueDto[];
  /** False when the record was deleted since. */
  exists: boolean;
}

export interface ClosedTicketOpenOtConflictDto extends ConflictBaseFields {
  kind: 'closed_ticket_open_ot';
  ticket: ConflictTicketRef & { resolution: string | null; closedAt: string | null };
  /** Who closed the ticket. */
  closed: ConflictStampDto;
  workOrder: (ConflictWorkOrderRef & { technicianName: string | null; scheduledDate: string | null }) | null;
  /** Who created the OT or last moved its status. */
  opened: ConflictStampDto;
}

export interface DuplicateSerialItemDto {
  id: string;
  serialNumber: string;
  productName: string | null;
  quantity: number;
  workOrder: ConflictWorkOrderRef | null;
  ticket: ConflictTicketRef | null;
  logged: ConflictStampDto;
  /** False once removed (a resolved conflict still lists it). */
  exists: boolean;
}

export interface DuplicateSerialConflictDto extends ConflictBaseFields {
  kind: 'duplicate_serial';
  serial: string;
  items: DuplicateSerialItemDto[];
}

export interface DuplicateCustomerDto {
  id: string;
  name: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  ticketCount: number;
  created: ConflictStampDto;
  exists: boolean;
}

export interface DuplicateCustomerConflictDto extends ConflictBaseFields {
  kind: 'duplicate_customer';
  name: string;
  customers: DuplicateCustomerDto[];
}

/** The timeline event that moved the ticket's status, with who wrote it, when and where. */
export interface ConflictStatusChangeDto extends ConflictStampDto {
  from: TicketStatus | null;
  to: TicketStatus | null;
  /** The event as the timeline words it ("Estado: Abierto → En curso"). */
  content: string;
}

export interface TicketCloseUndoneConflictDto extends ConflictBaseFields {
  kind: 'ticket_close_undone';
  /** The ticket as it is now: its status is not closed, yet it keeps a resolution and a close time. */
  ticket: ConflictTicketRef & { resolution: string | null; closedAt: string | null };
  /** The close the merge undid: its resolution and time, as recorded with the conflict. */
  close: { resolution: string | null; closedAt: string };
  /** Who closed the ticket (its `closed` event). */
  closed: ConflictStampDto;
  /** What changed the status afterwards (the latest status change on the timeline); null when none is known. */
  changed: ConflictStatusChangeDto | null;
}

/**
 * An OT cancelled on one computer while someone who had not seen the cancel started it on another (a technician
 * offline): the merge keeps it cancelled, so the visit made would go unnoticed without this record.
 */
export interface StartedOtCancelledConflictDto extends ConflictBaseFields {
  kind: 'started_ot_cancelled';
  ticket: ConflictTicketRef | null;
  workOrder: (ConflictWorkOrderRef & { technicianName: string | null; workDone: string | null; cancelReason: string | null }) | null;
  /** Who started it, and who cancelled it, each with when and on which computer. */
  started: ConflictStampDto;
  cancelled: ConflictStampDto;
}

export type ConflictDto =
  | StartedOtCancelledConflictDto
  | ConcurrentEditConflictDto
  | ClosedTicketOpenOtConflictDto
  | DuplicateSerialConflictDto
  | DuplicateCustomerConflictDto
  | TicketCloseUndoneConflictDto;

export const conflictId = z.string().regex(/^[0-9a-f]{32}$/);

/** The inbox lists the newest conflicts first, this many at most (a team that never settles them still opens it at once). */
export const CONFLICT_LIST_LIMIT = 200;
export const conflictListInput = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).optional(),
  limit: z.number().int().min(1).max(CONFLICT_LIST_LIMIT).optional(),
});
export const conflictResolveInput = z.strictObject({ id: conflictId, resolution: conflictResolution });

export { CONFLICT_INBOX_ACCESS };
const inboxAccess = CONFLICT_INBOX_ACCESS;

export const conflictChannels = {
  'conflicts.list': channel<ConflictDto[]>()({ input: conflictListInput, access: inboxAccess }),
  'conflicts.resolve': channel<ConflictDto>()({ input: conflictResolveInput, access: inboxAccess }),
};
