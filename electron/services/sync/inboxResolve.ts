// The conflict inbox, write side: a supervisor's decision becomes an ordinary edit through the existing ticket,
// OT and catalog logic, plus a replicated conflict_resolutions row, all in one transaction (so every copy gets both).
import type { z } from 'zod';
import type { Permission } from '../../../shared/enums';
import type { AppDb } from '../../../db/open';
import { conflictResolutions, tickets } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import { AppError, notFound, type DomainEvent } from '../../contract';
import { hasPermission } from '../../contract/access';
import { customerFields, productFields } from '../../contract/catalogs';
import { ACTIONS_BY_KIND, type ConflictChoiceDto, type ConflictDto, type ConflictResolutionInput } from '../../contract/conflicts';
import { ticketUpdateInput } from '../../contract/tickets';
import { workDoneText } from '../../contract/workOrders';
import { nonEmpty } from '../../contract/common';
import { inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import { customerCatalog, productCatalog } from '../catalogs';
import { EventBus } from '../events';
import { newId } from '../ids';
import { reopenTicket, updateTicket } from '../tickets';
import { markClosed, markReopened } from '../tickets';
import { loadTicket, saveTicket } from '../tickets';
import { appendEvent } from '../tickets';
import { cancelWorkOrder } from '../workOrders';
import { takeItemOff } from '../workOrders';
import { completionColumns, completionDuration, keptEstimate, loadWorkOrder, saveWorkOrder, workOrderEvent } from '../workOrders';
import { entityOf } from './entities';
import { loadConflictRow, shownRowsOf, snapshotOf, toConflictDto, type ConflictRow, type EditDetail } from './inboxList';

type Resolution<A extends ConflictResolutionInput['action']> = Extract<ConflictResolutionInput, { action: A }>;

interface Step {
  ctx: ServiceContext;
  tx: AppDb;
  actor: Actor;
  at: string;
  conflict: ConflictRow;
}

const invalidChoice = (message: string, field: string) => new AppError('VALIDATION', message, { reason: 'unknown_choice', field });

function assertMay(actor: Actor, anyOf: readonly Permission[]): void {
  if (!anyOf.some((permission) => hasPermission(actor, permission))) {
    throw new AppError('FORBIDDEN', 'your role may not make this change', { reason: 'forbidden', required: anyOf });
  }
}

// What an edited value must satisfy: the same rules as the record's own edit form.
const FIELD_RULES: Record<string, Record<string, z.ZodType>> = {
  tickets: { title: ticketUpdateInput.shape.title, description: ticketUpdateInput.shape.description, resolution: nonEmpty(20_000) },
  work_orders: { notes: ticketUpdateInput.shape.description, work_done: workDoneText },
  customers: { name: customerFields.name, address: customerFields.address, notes: customerFields.notes },
  products: { name: productFields.name, description: productFields.description },
};

const TICKET_FIELD_LABEL: Record<string, string> = { title: 'título', description: 'descripción', resolution: 'resolución' };

/** The value the decision writes: one of the edits as it was made, or the supervisor's own text. */
function decidedValue(conflict: ConflictRow, resolution: Resolution<'choose'> | Resolution<'edit'>): string | null {
  if (resolution.action === 'choose') {
    const edit = (JSON.parse(conflict.detail) as EditDetail).edits.find((candidate) => candidate.hlc === resolution.hlc);
    if (!edit) throw invalidChoice('that value is not one of the conflicting edits', 'hlc');
    return edit.value === null || edit.value === undefined ? null : String(edit.value);
  }
  const rule = FIELD_RULES[conflict.entity]?.[conflict.field ?? ''];
  const parsed = rule ? rule.safeParse(resolution.value) : { success: true as const, data: resolution.value };
  if (!parsed.success) throw new AppError('VALIDATION', 'the edited value is not valid for this field', { reason: 'invalid_value', field: 'value' });
  return (parsed.data as string | null | undefined) ?? null;
}

function writeField({ ctx, tx, actor, at, conflict }: Step, value: string | null): void {
  const field = conflict.field ?? '';
  const id = conflict.row_id;
  if (conflict.entity === 'tickets') {
    const row = tx.select().from(tickets).where(eq(tickets.id, id)).get();
    if (!row || row[field as keyof typeof row] === value) return;
    if (field === 'title' || field === 'description') {
      updateTicket(ctx, { id, version: row.version, [field]: value ?? '' });
      return;
    }
    // The resolution text has no edit form of its own: the same versioned save and `edit` note as updateTicket.
    saveTicket(tx, row, { [field]: value }, at);
    appendEvent(tx, {
      ticketId: id,
      authorId: actor.id,
      eventType: 'note',
      content: `Ticket editado: ${TICKET_FIELD_LABEL[field] ?? field}`,
      metaData: { kind: 'edit', changes: { [field]: { from: row[field as keyof typeof row], to: value } }, conflictId: conflict.id },
      at,
    });
    ctx.events.emit({ entity: 'ticket', id, kind: 'updated' });
    return;
  }
  if (conflict.entity === 'work_orders') {
    const row = loadWorkOrder(tx, id);
    // Two text fields collide on an OT: the internal notes and the work done (issue 15); each is written to its own column.
    const workDone = field === 'work_done';
    if ((workDone ? row.workDone : row.notes) === value) return;
    // A finished OT's text may be what collided (completed offline): the inbox edits it all the same.
    saveWorkOrder(tx, row, workDone ? { workDone: value } : { notes: value }, at);
    const text = workDone ? `${row.code}: trabajo realizado actualizado` : `${row.code}: notas actualizadas`;
    workOrderEvent(tx, row, row.status, actor.id, at, { change: workDone ? 'work_done' : 'notes', conflictId: conflict.id }, text);
    ctx.events.emit({ entity: 'workOrder', id, kind: 'updated', ticketId: row.ticketId });
    return;
  }
  const catalog = conflict.entity === 'customers' ? customerCatalog : conflict.entity === 'products' ? productCatalog : null;
  // Written over the version it has now: the person decided on what the inbox showed, within this transaction.
  if (catalog) catalog.update(ctx, { id, version: catalog.get(ctx, id).version, [field]: value });
}

/** A decision checked and worded before anything is written, and the edit that carries it out. */
interface Plan {
  choice: ConflictChoiceDto;
  apply: () => void;
}

const nothing = (): void => undefined;

function planEdit(step: Step, resolution: Resolution<'choose'> | Resolution<'edit'>): Plan {
  const { ctx, conflict } = step;
  assertMay(step.actor, entityOf(conflict.entity)?.permissions ?? []);
  const value = decidedValue(conflict, resolution);
  const exists = ctx.sqlite.prepare(`SELECT 1 FROM "${conflict.entity}" WHERE id = ?`).get(conflict.row_id) !== undefined;
  const choice: ConflictChoiceDto = resolution.action === 'choose' ? { action: 'choose', hlc: resolution.hlc, value } : { action: 'edit', value: value ?? '' };
  // A record deleted since: the decision is recorded, there is nothing left to edit.
  return { choice, apply: exists ? () => writeField(step, value) : nothing };
}

function planClosedTicket(step: Step, resolution: Resolution<'complete'> | Resolution<'cancel'> | Resolution<'reopen'>): Plan {
  const { ctx, tx, actor, at, conflict } = step;
  const workOrder = loadWorkOrder(tx, conflict.row_id);
  if (resolution.action === 'reopen') {
    assertMay(actor, ['tickets:write']);
    const ticket = loadTicket(tx, workOrder.ticketId);
    return {
      choice: { action: 'reopen', reason: resolution.reason },
      apply: () => reopenTicket(ctx, { id: ticket.id, version: ticket.version, reason: resolution.reason }),
    };
  }
  assertMay(actor, entityOf('work_orders')?.permissions ?? []);
  if (resolution.action === 'cancel') {
    return {
      choice: { action: 'cancel', reason: resolution.reason },
      apply: () => cancelWorkOrder(ctx, { id: workOrder.id, version: workOrder.version, reason: resolution.reason }),
    };
  }
  return {
    choice: { action: 'complete', notes: resolution.notes },
    apply: () => {
      // The OT completed under the closed ticket with the work done the supervisor gives (as a close's decision would:
      // into work_done, the internal notes untouched; the choice's field keeps its old name `notes`).
      const duration = completionDuration(workOrder, at, {});
      saveWorkOrder(tx, workOrder, { ...completionColumns(at, duration, resolution.notes), ...keptEstimate(ctx, workOrder) }, at);
      workOrderEvent(tx, workOrder, 'completed', actor.id, at, { ...duration, workDone: resolution.notes, conflictId: conflict.id });
      ctx.events.emit({ entity: 'workOrder', id: workOrder.id, kind: 'updated', ticketId: workOrder.ticketId });
      ctx.events.emit({ entity: 'ticket', id: workOrder.ticketId, kind: 'updated' });
    },
  };
}

function planSerial(step: Step, resolution: Resolution<'keep'> | Resolution<'remove'>): Plan {
  if (resolution.action === 'keep') return { choice: { action: 'keep' }, apply: nothing };
  const { ctx, tx, actor, at, conflict } = step;
  assertMay(actor, entityOf('work_order_items')?.permissions ?? []);
  const items = (JSON.parse(conflict.detail) as { items: string[] }).items;
  if (!items.includes(resolution.itemId)) throw invalidChoice('that item is not one of the duplicates', 'itemId');
  const item = ctx.sqlite.prepare('SELECT work_order_id FROM work_order_items WHERE id = ?').get(resolution.itemId) as { work_order_id: string } | undefined;
  if (!item) throw notFound('work order item', resolution.itemId);
  const workOrder = loadWorkOrder(tx, item.work_order_id);
  return {
    choice: { action: 'remove', itemId: resolution.itemId },
    apply: () => {
      // The OT is usually finished by now; removeItem refuses that, a supervisor's correction may.
      takeItemOff(tx, workOrder, resolution.itemId, actor.id, at, { conflictId: conflict.id });
      ctx.events.emit({ entity: 'workOrder', id: workOrder.id, kind: 'updated', ticketId: workOrder.ticketId });
    },
  };
}

/** The customer details a merge carries over, as the catalog names them and as the table stores them. */
const CUSTOMER_DETAILS = [
  ['name', 'name'],
  ['contactName', 'contact_name'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['address', 'address'],
  ['town', 'town'],
  ['notes', 'notes'],
] as const;

/** A contact detail of a merged-away customer that differs from the survivor's, as its notes keep it (stored Spanish). */
const CONTACT_WORDS: Readonly<Record<string, string>> = { contact_name: 'contacto', phone: 'teléfono', email: 'correo', address: 'dirección', town: 'población' };
const NOTES_MAX = 4000;

/**
 * The picked customer's details, each empty one filled from the others (in id order), and the others' contact details
 * that differ from those kept written into the notes: a merge of two records of one customer loses no phone.
 */
function mergedDetails(ctx: ServiceContext, pickedId: string, others: readonly string[]): Record<string, string | null> {
  const read = (id: string) => ctx.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id) as Record<string, string | null> | undefined;
  const rows = [pickedId, ...others].map(read).filter((row) => row !== undefined);
  const details: Record<string, string | null> = {};
  for (const [field, column] of CUSTOMER_DETAILS) details[field] = rows.map((row) => row[column]).find((value) => value !== null && value !== '') ?? null;
  const fold = (value: string | null | undefined) => (value ?? '').trim().toLocaleLowerCase('es');
  const alsoKnown: string[] = [];
  for (const [field, column] of CUSTOMER_DETAILS) {
    const word = CONTACT_WORDS[column];
    if (!word) continue;
    // Each different value once, beside the one kept: what the survivor holds, or an earlier merged-away row's.
    const seen = new Set([fold(details[field])]);
    for (const value of rows.slice(1).map((row) => row[column])) {
      if (!value?.trim() || seen.has(fold(value))) continue;
      seen.add(fold(value));
      alsoKnown.push(`${word}: ${value.trim()}`);
    }
  }
  if (alsoKnown.length > 0) {
    const line = `Datos de la ficha duplicada que se fusionó: ${alsoKnown.join('; ')}.`;
    details.notes = [details.notes, line].filter(Boolean).join('\n').slice(0, NOTES_MAX);
  }
  return details;
}

function planCustomer(step: Step, resolution: Resolution<'keep_both'> | Resolution<'merge'>): Plan {
  if (resolution.action === 'keep_both') return { choice: { action: 'keep_both' }, apply: nothing };
  const { ctx, actor, conflict } = step;
  // Deleting a customer is a catalog change (customers.delete); moving its tickets is a ticket edit.
  assertMay(actor, ['catalog:write']);
  assertMay(actor, ['tickets:write']);
  const ids = (JSON.parse(conflict.detail) as { customers: string[] }).customers;
  const exists = (id: string) => ctx.sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').get(id) !== undefined;
  if (!ids.includes(resolution.keepId) || !exists(resolution.keepId)) throw invalidChoice('keep one of the duplicated customers', 'keepId');
  return {
    choice: { action: 'merge', keepId: resolution.keepId },
    apply: () => {
      // The row that survives never depends on the pick: two copies that pick opposite customers offline must not
      // each delete the other's survivor. The pick decides the details, an ordinary edit that per-field LWW settles.
      const present = [...ids].sort().filter(exists);
      const survivor = present[0]!;
      const details = mergedDetails(ctx, resolution.keepId, present.filter((id) => id !== resolution.keepId));
      const current: Record<string, unknown> = { ...customerCatalog.get(ctx, survivor) };
      const changes = Object.fromEntries(Object.entries(details).filter(([field, value]) => current[field] !== value));
      if (Object.keys(changes).length > 0) customerCatalog.update(ctx, { id: survivor, version: customerCatalog.get(ctx, survivor).version, ...changes });
      for (const other of present.slice(1)) {
        const moved = ctx.sqlite.prepare('SELECT id, version FROM tickets WHERE customer_id = ? ORDER BY id').all(other) as { id: string; version: number }[];
        for (const ticket of moved) updateTicket(ctx, { id: ticket.id, version: ticket.version, customerId: survivor });
        customerCatalog.remove(ctx, other);
      }
    },
  };
}

function planCloseUndone(step: Step, resolution: Resolution<'close'> | Resolution<'keep_open'>): Plan {
  const { ctx, tx, actor, at, conflict } = step;
  assertMay(actor, ['tickets:write']);
  const detail = JSON.parse(conflict.detail) as { scope: string; resolution: string | null };
  const ticket = loadTicket(tx, detail.scope);
  const meta = { conflictId: conflict.id };
  const updated = () => ctx.events.emit({ entity: 'ticket', id: ticket.id, kind: 'updated' });
  if (resolution.action === 'keep_open') {
    return {
      choice: { action: 'keep_open', reason: resolution.reason },
      // The status the merge left stays; what lingers of the close goes, as a reopen would clear it.
      apply: () => {
        if (ticket.status === 'closed' || (ticket.closedAt === null && ticket.resolution === null)) return;
        markReopened(tx, ticket, ticket.status, resolution.reason, actor.id, at, meta);
        updated();
      },
    };
  }
  return {
    choice: { action: 'close' },
    // Closed again now (a new close time): should another merge undo it, that is a new conflict. Open OTs are left
    // as they are; the closed_ticket_open_ot conflict asks about them.
    apply: () => {
      if (ticket.status === 'closed') return;
      markClosed(tx, ticket, ticket.resolution ?? detail.resolution ?? '', actor.id, at, meta);
      updated();
    },
  };
}

function planDecision(step: Step, resolution: ConflictResolutionInput): Plan {
  switch (resolution.action) {
    case 'choose':
    case 'edit':
      return planEdit(step, resolution);
    case 'complete':
    case 'cancel':
    case 'reopen':
      return planClosedTicket(step, resolution);
    case 'keep':
    case 'remove':
      return planSerial(step, resolution);
    case 'keep_both':
    case 'merge':
      return planCustomer(step, resolution);
    case 'close':
    case 'keep_open':
      return planCloseUndone(step, resolution);
    case 'acknowledge':
      // The OT stays cancelled: a decision about work orders, taken by someone who plans them.
      assertMay(step.actor, ['workorders:write']);
      return { choice: { action: 'acknowledge' }, apply: nothing };
  }
}

/** A context whose events wait for the outer commit: the reused services emit when their own (nested) step ends. */
function holdEvents(ctx: ServiceContext): { ctx: ServiceContext; release: () => void } {
  const held: DomainEvent[] = [];
  const events = new EventBus();
  events.on((event) => held.push(event));
  return { ctx: { ...ctx, events }, release: () => held.forEach((event) => ctx.events.emit(event)) };
}

export function resolveConflict(ctx: ServiceContext, input: { id: string; resolution: ConflictResolutionInput }): ConflictDto {
  const actor = requireActor(ctx);
  const held = holdEvents(ctx);
  inTransaction(held.ctx, (tx, emit) => {
    const conflict = loadConflictRow(ctx.sqlite, input.id);
    if (ctx.sqlite.prepare('SELECT 1 FROM conflict_resolutions WHERE conflict_id = ?').get(conflict.id) !== undefined) {
      throw new AppError('CONFLICT', 'this conflict was already resolved', { reason: 'already_resolved', id: conflict.id });
    }
    if (!ACTIONS_BY_KIND[conflict.kind].includes(input.resolution.action)) {
      throw new AppError('VALIDATION', `${input.resolution.action} does not resolve a ${conflict.kind} conflict`, { reason: 'action_not_for_kind', field: 'resolution' });
    }
    const at = nowIso(ctx);
    // What the inbox showed of the rows the decision may remove, before it does (see shownRowsOf).
    const shown = shownRowsOf(toConflictDto(ctx.sqlite, conflict));
    const plan = planDecision({ ctx: held.ctx, tx, actor, at, conflict }, input.resolution);
    // The resolution row goes first: its op sorts before the edit's, so no copy sees the edit settle a conflict
    // (and drop it as no longer holding) before it knows the conflict was resolved. Add-only: written once, whole.
    tx.insert(conflictResolutions)
      .values({ id: newId(), conflictId: conflict.id, resolvedBy: actor.id, choice: JSON.stringify({ ...plan.choice, conflict: snapshotOf(conflict), ...(Object.keys(shown).length > 0 ? { shown } : {}) }), note: input.resolution.note ?? null, createdAt: at, updatedAt: at })
      .run();
    plan.apply();
    emit({ entity: 'conflict', id: conflict.id, kind: 'updated' });
  });
  held.release();
  return toConflictDto(ctx.sqlite, loadConflictRow(ctx.sqlite, input.id));
}
