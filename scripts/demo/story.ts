// One demo ticket's life: the ticket row, its timeline in time order, its OTs and their parts, all consistent.
import type { ProductUnit, TicketPriority, TicketStatus, TimelineEventType, WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import { newId } from '../../electron/services/ids';
import { PRIORITY_LABEL, TICKET_STATUS_LABEL, WORK_ORDER_STATUS_LABEL, WORK_ORDER_TYPE_LABEL } from '../../electron/services/tickets/labels';
import type { ChecklistTemplates } from '../../electron/contract/checklists';
import { DEFAULT_WORK_ORDER_MINUTES } from '../../electron/contract/estimatedMinutes';
import { demoAnswers, type AnswerRow } from './checklists';
import type { Random } from './random';
import { CONTACTS, DETAILS, EQUIPMENT, INTERNAL_NOTES, NOTES, PROBLEMS, RESOLUTIONS, WORK_DONE, WORK_ORDER_TYPES_WEIGHTED } from './vocabulary';

const MINUTE = 60_000;
/** Room left before `now` for a visit that started and finished (the work takes 30–240 minutes). */
const LONGEST_VISIT_MS = 240 * MINUTE;

export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  tracksSerial: boolean;
  unit: ProductUnit;
}

export interface StoryContext {
  random: Random;
  now: number;
  adminId: string;
  technicianIds: readonly string[];
  customerIds: readonly string[];
  categoryIds: readonly string[];
  products: readonly DemoProduct[];
  /** Serials already installed somewhere: a few come back in later repairs (what the trace screen is for). */
  serialPool: string[];
  /** Average OTs per worked ticket; null keeps the default mix (0–2, mostly 1). */
  workOrdersPerTicket: number | null;
  /** The checklist templates in use: OTs of those types get answers. */
  checklistTemplates: ChecklistTemplates;
  nextWorkOrderCode(at: string): string;
}

export interface TicketRow {
  id: string;
  code: string;
  title: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  categoryId: string | null;
  customerId: string | null;
  creatorId: string;
  assignedToId: string | null;
  resolution: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventRow {
  id: string;
  ticketId: string;
  authorId: string;
  eventType: TimelineEventType;
  content: string;
  metaData: string | null;
  createdAt: string;
}

export interface WorkOrderRow {
  id: string;
  code: string;
  ticketId: string;
  technicianId: string | null;
  otType: WorkOrderType;
  status: WorkOrderStatus;
  scheduledDate: string | null;
  startedAt: string | null;
  completedAt: string | null;
  totalDuration: number | null;
  /** Null: the type's usual length; an OT completed or cancelled keeps the one it had (as the app writes it). */
  estimatedMinutes: number | null;
  /** The internal notes (the office's remarks), apart from the work done that goes in the customer's report. */
  notes: string | null;
  workDone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ItemRow {
  id: string;
  workOrderId: string;
  productId: string | null;
  serialNumber: string | null;
  quantity: number;
  /** The product's, as the app copies it onto each part. */
  unit: ProductUnit;
  consumedAt: string;
}

export interface Story {
  ticket: TicketRow;
  events: EventRow[];
  workOrders: WorkOrderRow[];
  items: ItemRow[];
  answers: AnswerRow[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Two sentences of a fault's description, never one sentence twice (drawn as before, so the demo stays the same otherwise). */
function faultDescription(first: string, second: string): string {
  return `${first} ${second === first ? DETAILS[(DETAILS.indexOf(first) + 1) % DETAILS.length] : second}`;
}

/** Writes a ticket's story forward in time from `createdAt`, ending in `finalStatus`. */
export function tellStory(
  ctx: StoryContext,
  base: { id: string; code: string; createdAt: number; finalStatus: TicketStatus; forcedWorkOrderStatus?: WorkOrderStatus },
): Story {
  const { random: r } = ctx;
  let t = base.createdAt;
  let version = 1;
  const events: EventRow[] = [];
  const workOrders: WorkOrderRow[] = [];
  const items: ItemRow[] = [];
  const answers: AnswerRow[] = [];
  const later = (minMinutes: number, maxMinutes: number) => (t = Math.min(ctx.now, t + r.int(minMinutes, maxMinutes) * MINUTE));
  const event = (eventType: TimelineEventType, authorId: string, content: string, meta?: Record<string, unknown>) =>
    events.push({ id: newId(), ticketId: base.id, authorId, eventType, content, metaData: meta ? JSON.stringify(meta) : null, createdAt: iso(t) });

  const equipment = r.pick(EQUIPMENT);
  let priority = r.weighted<TicketPriority>({ low: 2, medium: 5, high: 2, critical: 1 });
  let status: TicketStatus = 'open';
  const moveTo = (to: TicketStatus) => {
    event('status_change', ctx.adminId, `Estado: ${TICKET_STATUS_LABEL[status]} → ${TICKET_STATUS_LABEL[to]}`, { from: status, to });
    status = to;
    version++;
  };
  const chatter = (max: number) => {
    for (let i = r.int(0, max); i > 0; i--) {
      later(20, 1440);
      if (r.chance(0.5)) event('note', r.chance(0.7) ? ctx.adminId : r.pick(ctx.technicianIds), r.pick(NOTES));
      else {
        const contact = r.pick(CONTACTS);
        event('contact', ctx.adminId, contact.text, { channel: contact.channel, contactName: r.faker.person.firstName() });
      }
    }
  };

  event('created', ctx.adminId, `Ticket ${base.code} creado`, { code: base.code, priority, assignedToId: null });
  let assignedToId: string | null = null;
  if (r.chance(0.7)) {
    later(5, 240);
    assignedToId = r.pick(ctx.technicianIds);
    event('assignment', ctx.adminId, 'Ticket asignado', { from: null, to: assignedToId });
    version++;
  }
  if (r.chance(0.15)) {
    later(5, 600);
    const to = r.pick(['low', 'medium', 'high', 'critical'] as const);
    if (to !== priority) {
      event('priority_change', ctx.adminId, `Prioridad: ${PRIORITY_LABEL[priority]} → ${PRIORITY_LABEL[to]}`, { from: priority, to });
      priority = to;
      version++;
    }
  }
  chatter(3);

  const active = base.finalStatus !== 'closed';
  const otCount =
    base.forcedWorkOrderStatus !== undefined
      ? 1
      : base.finalStatus === 'open'
        ? 0
        : ctx.workOrdersPerTicket !== null
          ? r.int(0, Math.round(2 * ctx.workOrdersPerTicket))
          : r.pick(active ? [0, 1, 1, 2] : [0, 1, 1, 1, 2]);
  for (let i = 0; i < otCount; i++) {
    const last = i === otCount - 1;
    const otStatus: WorkOrderStatus =
      base.forcedWorkOrderStatus ??
      (active && last
        ? r.weighted<WorkOrderStatus>({ pending_planning: 3, scheduled: 3, in_progress: 2, completed: 3, cancelled: 1 })
        : r.weighted<'completed' | 'cancelled'>({ completed: 6, cancelled: 1 }));
    later(10, 2880);
    workOrders.push(workOrderStory(ctx, base.id, otStatus, () => t, (ms) => (t = Math.max(t, Math.min(ctx.now, ms))), event, items, answers, assignedToId));
    if (status === 'open') moveTo('in_progress');
  }
  if (status === 'open' && base.finalStatus !== 'open') {
    later(30, 1440);
    moveTo('in_progress');
  }
  chatter(2);
  if (base.finalStatus === 'waiting') {
    later(30, 1440);
    moveTo('waiting');
  }

  let resolution: string | null = null;
  let closedAt: string | null = null;
  if (base.finalStatus === 'closed') {
    later(60, 4320);
    resolution = r.pick(RESOLUTIONS);
    closedAt = iso(t);
    event('closed', ctx.adminId, `Ticket cerrado: ${resolution}`, { from: status, to: 'closed', resolution, completedWorkOrders: [] });
    status = 'closed';
    version++;
  }

  const ticket: TicketRow = {
    id: base.id,
    code: base.code,
    title: `${r.pick(PROBLEMS)} ${equipment}`,
    description: faultDescription(r.pick(DETAILS), r.pick(DETAILS)),
    status,
    priority,
    categoryId: ctx.categoryIds.length > 0 && r.chance(0.9) ? r.pick(ctx.categoryIds) : null,
    customerId: ctx.customerIds.length > 0 && r.chance(0.95) ? r.pick(ctx.customerIds) : null,
    creatorId: ctx.adminId,
    assignedToId,
    resolution,
    closedAt,
    version,
    createdAt: iso(base.createdAt),
    updatedAt: iso(t),
  };
  return { ticket, events, workOrders, items, answers };
}

type EventWriter = (eventType: TimelineEventType, authorId: string, content: string, meta?: Record<string, unknown>) => void;

/** How many of its planned visits the README's first technician login (tecnico1) gets today, per demo. */
const FIRST_TECHNICIAN_TODAY = 3;
const todayVisitsLeft = new WeakMap<StoryContext, number>();

/**
 * Days from today of a planned visit: tecnico1's first FIRST_TECHNICIAN_TODAY land today, so Mi día has visits to start
 * on first try; drawn the same, so the random draws of every later row stay as they were.
 */
function plannedDay(ctx: StoryContext, technicianId: string, drawn: number): number {
  if (technicianId !== ctx.technicianIds[0]) return drawn;
  const left = todayVisitsLeft.get(ctx) ?? FIRST_TECHNICIAN_TODAY;
  if (left === 0) return drawn;
  todayVisitsLeft.set(ctx, left - 1);
  return 0;
}

/** One OT from request to `target`, writing its events on the ticket and its parts. */
function workOrderStory(
  ctx: StoryContext,
  ticketId: string,
  target: WorkOrderStatus,
  now: () => number,
  advanceTo: (ms: number) => void,
  event: EventWriter,
  items: ItemRow[],
  answers: AnswerRow[],
  assignee: string | null,
): WorkOrderRow {
  const { random: r } = ctx;
  const createdAt = now();
  const id = newId();
  const code = ctx.nextWorkOrderCode(iso(createdAt));
  const otType = r.pick(WORK_ORDER_TYPES_WEIGHTED);
  const wo: WorkOrderRow = {
    id, code, ticketId, technicianId: null, otType, status: 'pending_planning', scheduledDate: null, startedAt: null,
    completedAt: null, totalDuration: null, estimatedMinutes: null, notes: null, workDone: null, version: 1, createdAt: iso(createdAt), updatedAt: iso(createdAt),
  };
  const snapshot = { id, code, otType, status: 'pending_planning', scheduledDate: null, technicianId: null };
  event('ot_created', ctx.adminId, `Visita solicitada: ${code} (${WORK_ORDER_TYPE_LABEL[otType]})`, { workOrder: snapshot });
  const move = (to: WorkOrderStatus, authorId: string, extra: Record<string, unknown> = {}) => {
    const type = to === 'completed' ? 'ot_completed' : 'ot_updated';
    event(type, authorId, `${code}: ${WORK_ORDER_STATUS_LABEL[wo.status]} → ${WORK_ORDER_STATUS_LABEL[to]}`, { workOrderId: id, code, from: wo.status, to, ...extra });
    wo.status = to;
    if (to === 'completed' || to === 'cancelled') wo.estimatedMinutes = DEFAULT_WORK_ORDER_MINUTES[otType];
    wo.version++;
    wo.updatedAt = iso(now());
  };
  if (target === 'pending_planning') return wo;
  if (target === 'cancelled' && r.chance(0.5)) {
    advanceTo(now() + r.int(60, 2880) * 60_000);
    move('cancelled', ctx.adminId, { reason: 'El cliente anula la visita' });
    return wo;
  }
  advanceTo(now() + r.int(30, 1440) * 60_000);
  const drawnTechnician = assignee ?? r.pick(ctx.technicianIds);
  // The first active plans go to tecnico1 whatever the draw: with eight technicians a day's data could leave the
  // README's technician login with nothing on Mi día (an English trial's Sunday).
  const firstTechnician = ctx.technicianIds[0];
  const technicianId = target === 'scheduled' && firstTechnician && (todayVisitsLeft.get(ctx) ?? FIRST_TECHNICIAN_TODAY) > 0 ? firstTechnician : drawnTechnician;
  // Active plans land around today so agendas have something to show; work that went ahead (started, completed,
  // cancelled after planning) was planned a few days after the request but never later than today: no OT is done
  // on a day still to come.
  const planned = target === 'scheduled' ? ctx.now + plannedDay(ctx, technicianId, r.int(-2, 14)) * 86_400_000 : now() + r.int(1, 5) * 86_400_000;
  const scheduledDate = new Date(planned);
  scheduledDate.setUTCHours(r.pick([7, 8, 9, 11, 13, 15]), r.pick([0, 30]), 0, 0);
  if (target !== 'scheduled' && (scheduledDate.getTime() > ctx.now - LONGEST_VISIT_MS || scheduledDate.getTime() < now())) {
    scheduledDate.setTime(Math.max(now(), Math.min(scheduledDate.getTime(), ctx.now - LONGEST_VISIT_MS)));
  }
  wo.scheduledDate = scheduledDate.toISOString();
  wo.technicianId = technicianId;
  move('scheduled', ctx.adminId, { scheduledDate: { from: null, to: wo.scheduledDate }, technicianId: { from: null, to: technicianId } });
  if (target === 'scheduled') return wo;
  if (target === 'cancelled') {
    advanceTo(now() + r.int(60, 1440) * 60_000);
    move('cancelled', ctx.adminId, { reason: 'Reprogramada por el cliente; se anula' });
    return wo;
  }
  advanceTo(Math.max(now(), scheduledDate.getTime()));
  wo.startedAt = iso(now());
  // Now and then the office leaves an internal remark for the technician (never shown to the customer).
  if (r.chance(0.3)) wo.notes = r.pick(INTERNAL_NOTES);
  move('in_progress', technicianId, { startedAt: wo.startedAt });
  for (let n = r.int(1, 3); n > 0; n--) items.push(demoItem(ctx, id, now() + r.int(5, 60) * 60_000));
  const checklist = ctx.checklistTemplates[otType] ?? [];
  if (target === 'in_progress') {
    answers.push(...demoAnswers(r, checklist, { id, technicianId, completed: false }, () => iso(now())));
    return wo;
  }
  advanceTo(now() + r.int(30, 240) * 60_000);
  // Answered during the visit, before it was completed (the app completes only with every required item answered).
  answers.push(...demoAnswers(r, checklist, { id, technicianId, completed: true }, () => iso(Math.min(now(), Date.parse(wo.startedAt ?? '') + r.int(10, 30) * 60_000))));
  wo.completedAt = iso(now());
  wo.totalDuration = Math.round((now() - Date.parse(wo.startedAt)) / 1000);
  // What was done goes where the app writes it (work_done, the customer's report), as workOrders.complete does.
  wo.workDone = r.pick(WORK_DONE);
  move('completed', technicianId, { totalDuration: wo.totalDuration, measuredDuration: wo.totalDuration, workDone: wo.workDone });
  return wo;
}

function demoItem(ctx: StoryContext, workOrderId: string, consumedAtMs: number): ItemRow {
  const { random: r } = ctx;
  const product = r.pick(ctx.products);
  const consumedAt = iso(Math.min(ctx.now, consumedAtMs));
  // One draw whatever the unit (the rows after it stay as they were): 0,5 to 3 kg of gas, 1 to 10 of anything else.
  const drawn = r.int(1, 10);
  if (!product.tracksSerial) return { id: newId(), workOrderId, productId: product.id, serialNumber: null, quantity: product.unit === 'kg' ? Math.round(drawn * 3) / 10 : drawn, unit: product.unit, consumedAt };
  const reused = ctx.serialPool.length > 0 && r.chance(0.08);
  const serialNumber = reused ? r.pick(ctx.serialPool) : `${product.sku.split('-')[0]}-${r.faker.string.alphanumeric({ length: 8, casing: 'upper' })}`;
  if (!reused && ctx.serialPool.length < 5000) ctx.serialPool.push(serialNumber);
  return { id: newId(), workOrderId, productId: product.id, serialNumber, quantity: 1, unit: product.unit, consumedAt };
}
