// Ticket changes: each is one transaction that writes the row, its timeline event(s) and then emits.
import type { z } from 'zod';
import type { TicketStatus } from '../../../shared/enums';
import type { AppDb } from '../../../db/open';
import { tickets } from '../../../db/schema';
import type { DomainEvent, TicketDetail, TimelineAddition } from '../../contract';
import type { ticketChannels, ticketCreateInput, ticketUpdateInput } from '../../contract/tickets';
import { inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import { newId } from '../ids';
import { insertRow } from '../tableRows';
import { readSetting } from '../settings';
import { assertWorksOnTicket } from '../workOrders';
import { settleOpenWorkOrders } from '../workOrders';
import { noteStaleSignaturesOfTicket } from '../workOrders';
import { nextCode } from './codes';
import { assertAssignee, assertCategory, assertCustomer, loadTicket, loadTicketAt, saveTicket, type TicketRow } from './guards';
import { PRIORITY_LABEL, TICKET_STATUS_LABEL } from './labels';
import { timelineAddition } from './addition';
import { getTicketDetail } from './rows';
import { appendEvent } from './timeline';
import { assertCanClose, assertCanReopen, assertManualMove } from './transitions';

type Input<C extends keyof typeof ticketChannels> = z.output<(typeof ticketChannels)[C]['input']>;
type Emit = (event: DomainEvent) => void;

const EDITED_FIELD_LABEL = { title: 'título', description: 'descripción', categoryId: 'categoría', customerId: 'cliente' } as const;

/** Runs one ticket change in a transaction and answers the fresh detail. */
/** A write, then its reply read after the commit: the transaction holds the lock only for the write, and the reply sees the SLA row the commit refreshed. */
function change(ctx: ServiceContext, work: (tx: AppDb, actor: Actor, at: string, emit: Emit) => string): TicketDetail {
  const actor = requireActor(ctx);
  const id = inTransaction(ctx, (tx, emit) => work(tx, actor, nowIso(ctx), emit));
  return getTicketDetail(ctx.sqlite, id, ctx.clock.now().getTime());
}

/** A status move with its `status_change` event; shared with request visit (open → in_progress). */
export function moveTicketStatus(tx: AppDb, row: TicketRow, to: TicketStatus, actorId: string, at: string): void {
  saveTicket(tx, row, { status: to }, at);
  appendEvent(tx, {
    ticketId: row.id,
    authorId: actorId,
    eventType: 'status_change',
    content: `Estado: ${TICKET_STATUS_LABEL[row.status]} → ${TICKET_STATUS_LABEL[to]}`,
    metaData: { from: row.status, to },
    at,
  });
}

/** Writes a close (status, resolution, closed_at) with its `closed` event; shared with the conflict inbox, which
 *  closes again a ticket whose close a merge undid. `meta` adds to the event (the OTs the close completed). */
export function markClosed(tx: AppDb, row: TicketRow, resolution: string, actorId: string, at: string, meta: Record<string, unknown> = {}): void {
  saveTicket(tx, row, { status: 'closed', resolution, closedAt: at }, at);
  appendEvent(tx, {
    ticketId: row.id,
    authorId: actorId,
    eventType: 'closed',
    content: `Ticket cerrado: ${resolution}`,
    metaData: { from: row.status, to: 'closed', resolution, ...meta },
    at,
  });
}

/** Clears a close (resolution, closed_at) and sets `to`, with its `reopened` event; shared with the conflict inbox,
 *  where a merge already moved the status off closed and the close only lingers in those fields. */
export function markReopened(tx: AppDb, row: TicketRow, to: TicketStatus, reason: string, actorId: string, at: string, meta: Record<string, unknown> = {}): void {
  saveTicket(tx, row, { status: to, resolution: null, closedAt: null }, at);
  appendEvent(tx, {
    ticketId: row.id,
    authorId: actorId,
    eventType: 'reopened',
    content: `Ticket reabierto: ${reason}`,
    metaData: { from: 'closed', to, reason, previousResolution: row.resolution, ...meta },
    at,
  });
}

export function createTicket(ctx: ServiceContext, input: z.output<typeof ticketCreateInput>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    assertCategory(tx, input.categoryId);
    assertCustomer(tx, input.customerId);
    assertAssignee(tx, input.assignedToId);
    const id = newId();
    const code = nextCode(ctx.sqlite, 'ticket', readSetting(ctx.sqlite, 'ticketPrefix'), at);
    insertRow(tx, tickets, {
      id,
      code,
      title: input.title,
      description: input.description,
      priority: input.priority ?? 'medium',
      categoryId: input.categoryId ?? null,
      customerId: input.customerId ?? null,
      creatorId: actor.id,
      assignedToId: input.assignedToId ?? null,
      createdAt: at,
      updatedAt: at,
    });
    appendEvent(tx, {
      ticketId: id,
      authorId: actor.id,
      eventType: 'created',
      content: `Ticket ${code} creado`,
      metaData: { code, priority: input.priority ?? 'medium', assignedToId: input.assignedToId ?? null },
      at,
    });
    emit({ entity: 'ticket', id, kind: 'created' });
    return id;
  });
}

export function updateTicket(ctx: ServiceContext, input: z.output<typeof ticketUpdateInput>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    const row = loadTicketAt(tx, input.id, input.version);
    assertCategory(tx, input.categoryId);
    assertCustomer(tx, input.customerId);
    const fields = ['title', 'description', 'categoryId', 'customerId'] as const;
    const changed = fields.filter((f) => input[f] !== undefined && input[f] !== row[f]);
    const priorityChanged = input.priority !== undefined && input.priority !== row.priority;
    if (changed.length === 0 && !priorityChanged) return row.id;
    saveTicket(tx, row, { ...Object.fromEntries(changed.map((f) => [f, input[f]])), ...(priorityChanged ? { priority: input.priority } : {}) }, at);
    if (priorityChanged && input.priority) {
      appendEvent(tx, {
        ticketId: row.id,
        authorId: actor.id,
        eventType: 'priority_change',
        content: `Prioridad: ${PRIORITY_LABEL[row.priority]} → ${PRIORITY_LABEL[input.priority]}`,
        metaData: { from: row.priority, to: input.priority },
        at,
      });
    }
    if (changed.length > 0) {
      // No dedicated event type for field edits: a note flagged `kind: 'edit'` keeps the audit trail (description text is not copied).
      const changes = Object.fromEntries(
        changed.map((f) => [f, f === 'description' ? { changed: true } : { from: row[f], to: input[f] ?? null }]),
      );
      appendEvent(tx, {
        ticketId: row.id,
        authorId: actor.id,
        eventType: 'note',
        content: `Ticket editado: ${changed.map((field) => EDITED_FIELD_LABEL[field]).join(', ')}`,
        metaData: { kind: 'edit', changes },
        at,
      });
      // The title, the fault and the customer are in each OT's signed report: a signature they leave behind is said so.
      noteStaleSignaturesOfTicket(tx, row.id, actor.id, at);
    }
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return row.id;
  });
}

export function changeTicketStatus(ctx: ServiceContext, input: Input<'tickets.changeStatus'>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    const row = loadTicketAt(tx, input.id, input.version);
    assertManualMove(row.status, input.status);
    moveTicketStatus(tx, row, input.status, actor.id, at);
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return row.id;
  });
}

export function assignTicket(ctx: ServiceContext, input: Input<'tickets.assign'>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    const row = loadTicketAt(tx, input.id, input.version);
    if (row.assignedToId === input.assignedToId) return row.id;
    assertAssignee(tx, input.assignedToId);
    saveTicket(tx, row, { assignedToId: input.assignedToId }, at);
    appendEvent(tx, {
      ticketId: row.id,
      authorId: actor.id,
      eventType: 'assignment',
      content: input.assignedToId ? 'Ticket asignado' : 'Ticket sin asignar',
      metaData: { from: row.assignedToId, to: input.assignedToId },
      at,
    });
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return row.id;
  });
}

/** Runs one timeline addition in a transaction and answers the event and the ticket's header, not the whole ticket. */
function addToTimeline(ctx: ServiceContext, work: (tx: AppDb, actor: Actor, at: string, emit: Emit) => { ticketId: string; eventId: string }): TimelineAddition {
  const actor = requireActor(ctx);
  const { ticketId, eventId } = inTransaction(ctx, (tx, emit) => work(tx, actor, nowIso(ctx), emit));
  return timelineAddition(ctx.sqlite, ticketId, eventId, ctx.clock.now().getTime());
}

export function addNote(ctx: ServiceContext, input: Input<'tickets.addNote'>): TimelineAddition {
  return addToTimeline(ctx, (tx, actor, at, emit) => {
    const row = loadTicket(tx, input.id);
    assertWorksOnTicket(ctx, tx, actor, row.id);
    saveTicket(tx, row, {}, at, { bumpVersion: false });
    const eventId = appendEvent(tx, { ticketId: row.id, authorId: actor.id, eventType: 'note', content: input.content, at });
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return { ticketId: row.id, eventId };
  });
}

export function addContact(ctx: ServiceContext, input: Input<'tickets.addContact'>): TimelineAddition {
  return addToTimeline(ctx, (tx, actor, at, emit) => {
    const row = loadTicket(tx, input.id);
    saveTicket(tx, row, {}, at, { bumpVersion: false });
    const eventId = appendEvent(tx, {
      ticketId: row.id,
      authorId: actor.id,
      eventType: 'contact',
      content: input.summary,
      metaData: { channel: input.channel, ...(input.contactName ? { contactName: input.contactName } : {}) },
      at,
    });
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return { ticketId: row.id, eventId };
  });
}

/** Closing decides every OT still open, as the person chose (complete with the work done, or cancel with a reason),
 *  each with its own event, then writes `closed`; an open OT without a decision refuses the close. */
export function closeTicket(ctx: ServiceContext, input: Input<'tickets.close'>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    const row = loadTicketAt(tx, input.id, input.version);
    assertCanClose(row.status);
    const settled = settleOpenWorkOrders(ctx, tx, actor, row.id, input.workOrders, at);
    markClosed(tx, row, input.resolution, actor.id, at, { completedWorkOrders: settled.completed, cancelledWorkOrders: settled.cancelled });
    for (const workOrderId of [...settled.completed, ...settled.cancelled]) emit({ entity: 'workOrder', id: workOrderId, kind: 'updated', ticketId: row.id });
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return row.id;
  });
}

export function reopenTicket(ctx: ServiceContext, input: Input<'tickets.reopen'>): TicketDetail {
  return change(ctx, (tx, actor, at, emit) => {
    const row = loadTicketAt(tx, input.id, input.version);
    assertCanReopen(row.status);
    markReopened(tx, row, 'open', input.reason, actor.id, at);
    emit({ entity: 'ticket', id: row.id, kind: 'updated' });
    return row.id;
  });
}
