// Report wording in both UI languages. Every key exists in both tables (the type enforces it).
import type {
  ContactChannel,
  TicketPriority,
  TicketStatus,
  TimelineEventType,
  WorkOrderStatus,
  WorkOrderType,
} from '../../../shared/enums';
import {
  CONTACT_CHANNEL_WORDS,
  TICKET_PRIORITY_WORDS,
  TICKET_STATUS_WORDS,
  WORK_ORDER_STATUS_WORDS,
  WORK_ORDER_TYPE_WORDS,
} from '../../../shared/words';
import type { UiLanguage } from '../../contract';

export type ReportLanguage = 'es' | 'en';

/** The explicit choice wins; otherwise the settings language, where 'system' means Spanish. */
export function resolveLanguage(requested: ReportLanguage | undefined, settingsLanguage: UiLanguage): ReportLanguage {
  if (requested) return requested;
  return settingsLanguage === 'en' ? 'en' : 'es';
}

interface LabelTable {
  /** The table's language (durations are worded by electron/contract/duration.ts in it). */
  language: ReportLanguage;
  workOrderReportTitle: string;
  ticketReportTitle: string;
  workOrder: string;
  type: string;
  status: string;
  scheduled: string;
  /** An OT still to plan with a date proposed when the visit was asked for: not a booking. */
  proposed: string;
  started: string;
  completed: string;
  duration: string;
  technician: string;
  ticket: string;
  customer: string;
  address: string;
  contact: string;
  phone: string;
  email: string;
  workDone: string;
  noNotes: string;
  parts: string;
  noParts: string;
  product: string;
  sku: string;
  serial: string;
  quantity: string;
  technicianSignature: string;
  customerSignature: string;
  nameAndId: string;
  generatedAt: string;
  page: (n: number, total: number) => string;
  notSet: string;
  priority: string;
  category: string;
  assignedTo: string;
  creator: string;
  created: string;
  updated: string;
  closedAt: string;
  description: string;
  resolution: string;
  timeline: string;
  noTimeline: string;
  workOrders: string;
  noWorkOrders: string;
  title: string;
  code: string;
  name: string;
  ticketTitle: string;
  /** OT CSV: the planned length (the OT's own, or its type's usual) and why a typed duration replaced the measured one. */
  estimatedMinutes: string;
  durationMinutes: string;
  durationReason: string;
  notes: string;
  systemAuthor: string;
  /** A timeline's assignment: to whom, or taken away. */
  assignment: { to(name: string): string; removed: string; removedFrom(name: string): string };
  /** An OT code from before a team join renumbered it, with the code it has now. */
  codeNow(now: string, former: string): string;
  /** A request's proposal: day, hour and technician. */
  proposal(plan: string): string;
  /** The day, hour and technician an OT was first scheduled for (a bare "date · name" reads as an entry's header). */
  planned(plan: string): string;
  /** SLA: the two clocks in the ticket report, the CSV columns, and how a clock stands. */
  sla: {
    firstResponse: string;
    resolution: string;
    responseMinutes: string;
    responseMet: string;
    resolutionMinutes: string;
    resolutionMet: string;
    yes: string;
    no: string;
    done(duration: string, met: boolean, target: string): string;
    dueBy(when: string): string;
    overdueSince(when: string): string;
    paused(left: string): string;
  };
  ticketStatus: Record<TicketStatus, string>;
  ticketPriority: Record<TicketPriority, string>;
  workOrderStatus: Record<WorkOrderStatus, string>;
  workOrderType: Record<WorkOrderType, string>;
  timelineEvent: Record<TimelineEventType, string>;
  contactChannel: Record<ContactChannel, string>;
  /** What an `ot_updated` event changed (workOrderChangeOf), in words; `part` already says name, serial and quantity. */
  workOrderChange: {
    itemAdded(code: string, part: string): string;
    itemRemoved(code: string, part: string): string;
    /** A part logged as taken out of the customer's site (issue 15). */
    itemTakenOut(code: string, part: string): string;
    workDone(code: string): string;
    notes(code: string): string;
    rescheduled(code: string): string;
    /** A checklist answer: the item and its value already worded ("2,5 bar", "Sí", «text»). */
    checklist(code: string, label: string, value: string): string;
    checklistYes: string;
    checklistNo: string;
    checklistCleared: string;
    part: string;
    serial(serial: string): string;
    /** An OT completed with a typed duration: why, and the measured one when there was a start. */
    durationChanged(reason: string, measured: string | null): string;
    /** Completed or cancelled while closing the ticket (a completed one may never have been started). */
    atClose(withoutStart: boolean): string;
    /** Why an OT was cancelled. */
    cancelReason(reason: string): string;
    /** A photo or file added to an OT (`code`) or to the ticket itself (null). */
    attachmentAdded(code: string | null, name: string, photo: boolean): string;
    /** The heading of a file added to the ticket itself (stored as a note). */
    attachmentHeading: string;
    /** A signature collected on the OT, and a later change that asks for a new one. */
    signed(code: string, role: 'customer' | 'technician', name: string): string;
    signatureInvalidated(code: string): string;
  };
}

const es: LabelTable = {
  language: 'es',
  workOrderReportTitle: 'Informe de orden de trabajo',
  ticketReportTitle: 'Informe de ticket',
  workOrder: 'Orden de trabajo',
  type: 'Tipo',
  status: 'Estado',
  scheduled: 'Programada',
  proposed: 'Propuesta',
  started: 'Iniciada',
  completed: 'Completada',
  duration: 'Duración',
  technician: 'Técnico',
  ticket: 'Ticket',
  customer: 'Cliente',
  address: 'Dirección',
  contact: 'Contacto',
  phone: 'Teléfono',
  email: 'Correo',
  workDone: 'Trabajo realizado',
  noNotes: 'Sin notas del trabajo realizado.',
  parts: 'Materiales y repuestos',
  noParts: 'No se registraron materiales.',
  product: 'Producto',
  sku: 'SKU',
  serial: 'N.º de serie',
  quantity: 'Cantidad',
  technicianSignature: 'Firma del técnico',
  customerSignature: 'Firma del cliente',
  nameAndId: 'Nombre y DNI',
  generatedAt: 'Generado el',
  page: (n, total) => `Página ${n} de ${total}`,
  notSet: '—',
  priority: 'Prioridad',
  category: 'Categoría',
  assignedTo: 'Asignado a',
  creator: 'Creado por',
  created: 'Creado',
  updated: 'Actualizado',
  closedAt: 'Cerrado',
  description: 'Descripción',
  resolution: 'Resolución',
  timeline: 'Bitácora',
  noTimeline: 'La bitácora está vacía.',
  workOrders: 'Órdenes de trabajo',
  noWorkOrders: 'Este ticket no tiene órdenes de trabajo.',
  title: 'Título',
  code: 'Código',
  name: 'Nombre',
  ticketTitle: 'Título del ticket',
  estimatedMinutes: 'Duración prevista (min)',
  durationMinutes: 'Duración (min)',
  durationReason: 'Motivo del cambio de duración',
  notes: 'Notas internas',
  systemAuthor: 'Sistema',
  assignment: { to: (name) => `Asignado a ${name}`, removed: 'Sin asignar', removedFrom: (name) => `Sin asignar (antes: ${name})` },
  codeNow: (now, former) => `${now} (antes ${former})`,
  proposal: (plan) => `Propuesta: ${plan}`,
  planned: (plan) => `Programada para: ${plan}`,
  sla: {
    firstResponse: 'Primera respuesta',
    resolution: 'Resolución',
    responseMinutes: 'Primera respuesta (min)',
    responseMet: 'Respuesta en plazo',
    resolutionMinutes: 'Resolución (min)',
    resolutionMet: 'Resolución en plazo',
    yes: 'Sí',
    no: 'No',
    done: (duration, met, target) => `${duration} · ${met ? 'en plazo' : 'fuera de plazo'} (objetivo ${target})`,
    dueBy: (when) => `Pendiente, antes del ${when}`,
    overdueSince: (when) => `Vencido el ${when}`,
    paused: (left) => `En pausa mientras está En espera (quedan ${left})`,
  },
  ticketStatus: TICKET_STATUS_WORDS.es,
  ticketPriority: TICKET_PRIORITY_WORDS.es,
  workOrderStatus: WORK_ORDER_STATUS_WORDS.es,
  workOrderType: WORK_ORDER_TYPE_WORDS.es,
  timelineEvent: {
    created: 'Ticket creado',
    note: 'Nota',
    status_change: 'Cambio de estado',
    priority_change: 'Cambio de prioridad',
    assignment: 'Asignación',
    contact: 'Contacto con el cliente',
    ot_created: 'OT creada',
    ot_updated: 'OT actualizada',
    ot_completed: 'OT completada',
    telemetry: 'Lectura',
    closed: 'Ticket cerrado',
    reopened: 'Ticket reabierto',
  },
  contactChannel: CONTACT_CHANNEL_WORDS.es,
  workOrderChange: {
    itemAdded: (code, part) => `${code}: material instalado: ${part}`,
    itemRemoved: (code, part) => `${code}: material quitado de la lista: ${part}`,
    itemTakenOut: (code, part) => `${code}: material retirado: ${part}`,
    workDone: (code) => `${code}: trabajo realizado actualizado`,
    notes: (code) => `${code}: notas actualizadas`,
    rescheduled: (code) => `${code}: reprogramada`,
    checklist: (code, label, value) => `${code}: lista: ${label} = ${value}`,
    checklistYes: 'Sí',
    checklistNo: 'No',
    checklistCleared: 'sin respuesta',
    part: 'material',
    serial: (serial) => `serie ${serial}`,
    durationChanged: (reason, measured) => (measured ? `Duración cambiada a mano (medida: ${measured}): ${reason}` : `Duración cambiada a mano: ${reason}`),
    atClose: (withoutStart) => (withoutStart ? 'al cerrar el ticket, sin inicio registrado' : 'al cerrar el ticket'),
    cancelReason: (reason) => `Motivo: ${reason}`,
    attachmentAdded: (code, name, photo) => (code ? `${code}: ${photo ? 'foto añadida' : 'archivo añadido'}: «${name}»` : `${photo ? 'Foto añadida al ticket' : 'Archivo añadido al ticket'}: «${name}»`),
    attachmentHeading: 'Archivo adjunto',
    signed: (code, role, name) => `${code}: firma ${role === 'technician' ? 'del técnico' : 'del cliente'} (${name})`,
    signatureInvalidated: (code) => `${code}: cambió después de la firma: hace falta una nueva firma`,
  },
};

const en: LabelTable = {
  language: 'en',
  workOrderReportTitle: 'Work order report',
  ticketReportTitle: 'Ticket report',
  workOrder: 'Work order',
  type: 'Type',
  status: 'Status',
  scheduled: 'Scheduled',
  proposed: 'Proposed',
  started: 'Started',
  completed: 'Completed',
  duration: 'Duration',
  technician: 'Technician',
  ticket: 'Ticket',
  customer: 'Customer',
  address: 'Address',
  contact: 'Contact',
  phone: 'Phone',
  email: 'Email',
  workDone: 'Work done',
  noNotes: 'No notes on the work done.',
  parts: 'Parts and materials',
  noParts: 'No parts were recorded.',
  product: 'Product',
  sku: 'SKU',
  serial: 'Serial number',
  quantity: 'Quantity',
  technicianSignature: 'Technician signature',
  customerSignature: 'Customer signature',
  nameAndId: 'Name and ID',
  generatedAt: 'Generated on',
  page: (n, total) => `Page ${n} of ${total}`,
  notSet: '—',
  priority: 'Priority',
  category: 'Category',
  assignedTo: 'Assigned to',
  creator: 'Created by',
  created: 'Created',
  updated: 'Updated',
  closedAt: 'Closed',
  description: 'Description',
  resolution: 'Resolution',
  timeline: 'Timeline',
  noTimeline: 'The timeline is empty.',
  workOrders: 'Work orders',
  noWorkOrders: 'This ticket has no work orders.',
  title: 'Title',
  code: 'Code',
  name: 'Name',
  ticketTitle: 'Ticket title',
  estimatedMinutes: 'Estimated duration (min)',
  durationMinutes: 'Duration (min)',
  durationReason: 'Reason for changing the duration',
  notes: 'Internal notes',
  systemAuthor: 'System',
  assignment: { to: (name) => `Assigned to ${name}`, removed: 'Unassigned', removedFrom: (name) => `Unassigned (was ${name})` },
  codeNow: (now, former) => `${now} (formerly ${former})`,
  proposal: (plan) => `Proposed: ${plan}`,
  planned: (plan) => `Scheduled for: ${plan}`,
  sla: {
    firstResponse: 'First response',
    resolution: 'Resolution',
    responseMinutes: 'First response (min)',
    responseMet: 'Response on target',
    resolutionMinutes: 'Resolution (min)',
    resolutionMet: 'Resolution on target',
    yes: 'Yes',
    no: 'No',
    done: (duration, met, target) => `${duration} · ${met ? 'on target' : 'late'} (target ${target})`,
    dueBy: (when) => `Pending, due ${when}`,
    overdueSince: (when) => `Overdue since ${when}`,
    paused: (left) => `Paused while Waiting (${left} left)`,
  },
  ticketStatus: TICKET_STATUS_WORDS.en,
  ticketPriority: TICKET_PRIORITY_WORDS.en,
  workOrderStatus: WORK_ORDER_STATUS_WORDS.en,
  workOrderType: WORK_ORDER_TYPE_WORDS.en,
  timelineEvent: {
    created: 'Ticket created',
    note: 'Note',
    status_change: 'Status change',
    priority_change: 'Priority change',
    assignment: 'Assignment',
    contact: 'Customer contact',
    ot_created: 'Work order created',
    ot_updated: 'Work order updated',
    ot_completed: 'Work order completed',
    telemetry: 'Reading',
    closed: 'Ticket closed',
    reopened: 'Ticket reopened',
  },
  contactChannel: CONTACT_CHANNEL_WORDS.en,
  workOrderChange: {
    itemAdded: (code, part) => `${code}: part installed: ${part}`,
    itemRemoved: (code, part) => `${code}: part taken off the list: ${part}`,
    itemTakenOut: (code, part) => `${code}: part removed from site: ${part}`,
    workDone: (code) => `${code}: work done updated`,
    notes: (code) => `${code}: notes updated`,
    rescheduled: (code) => `${code}: rescheduled`,
    checklist: (code, label, value) => `${code}: checklist: ${label} = ${value}`,
    checklistYes: 'Yes',
    checklistNo: 'No',
    checklistCleared: 'no answer',
    part: 'part',
    serial: (serial) => `serial ${serial}`,
    durationChanged: (reason, measured) => (measured ? `Duration changed by hand (measured: ${measured}): ${reason}` : `Duration changed by hand: ${reason}`),
    atClose: (withoutStart) => (withoutStart ? 'when closing the ticket, never started' : 'when closing the ticket'),
    cancelReason: (reason) => `Reason: ${reason}`,
    attachmentAdded: (code, name, photo) => (code ? `${code}: ${photo ? 'photo added' : 'file added'}: “${name}”` : `${photo ? 'Photo added to the ticket' : 'File added to the ticket'}: “${name}”`),
    attachmentHeading: 'Attachment',
    signed: (code, role, name) => `${code}: signed by the ${role === 'technician' ? 'technician' : 'customer'} (${name})`,
    signatureInvalidated: (code) => `${code}: changed after it was signed: it needs a new signature`,
  },
};

const TABLES: Record<ReportLanguage, LabelTable> = { es, en };

export type Labels = LabelTable;

export function labelsFor(language: ReportLanguage): Labels {
  return TABLES[language];
}
