// What the customer signs: the OT report's content as one canonical object, and its hash (kept with each signature,
// so a later change to the report shows the signature no longer covers it).
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { attachments, customers, tickets, workOrderChecklistAnswers, workOrderItems, workOrders } from '../../../db/schema';
import { notFound } from '../../contract';

export interface ReportPart {
  id: string;
  /** Catalogue product (its id only: renaming a product in the catalogue must not unsign every past report). */
  productId: string | null;
  /** A part not in the catalogue, in words. */
  description: string | null;
  serialNumber: string | null;
  quantity: number;
  unit: string;
  direction: string;
}

export interface ReportChecklistAnswer {
  itemKey: string;
  label: string;
  unit: string | null;
  value: unknown;
  note: string | null;
}

/** Status, times, duration and internal notes are left out: completion happens after the customer signs. */
export interface ReportContent {
  workOrderCode: string;
  otType: string;
  ticketCode: string;
  title: string;
  description: string;
  customerName: string | null;
  workDone: string;
  parts: ReportPart[];
  checklist: ReportChecklistAnswer[];
  attachments: string[];
}

const parseJson = (value: string | null): unknown => {
  if (value === null) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/** The report content of one OT, read from its tables (throws NOT_FOUND for an unknown OT). */
export function reportContentOf(db: AppDb, workOrderId: string): ReportContent {
  const head = db
    .select({
      workOrderCode: workOrders.code,
      otType: workOrders.otType,
      workDone: workOrders.workDone,
      ticketCode: tickets.code,
      title: tickets.title,
      description: tickets.description,
      customerName: customers.name,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(workOrders.id, workOrderId))
    .get();
  if (!head) throw notFound('work order', workOrderId);
  const parts = db
    .select({
      id: workOrderItems.id,
      productId: workOrderItems.productId,
      description: workOrderItems.description,
      serialNumber: workOrderItems.serialNumber,
      quantity: workOrderItems.quantity,
      unit: workOrderItems.unit,
      direction: workOrderItems.direction,
    })
    .from(workOrderItems)
    .where(eq(workOrderItems.workOrderId, workOrderId))
    .orderBy(asc(workOrderItems.id))
    .all();
  const checklist = db
    .select()
    .from(workOrderChecklistAnswers)
    .where(eq(workOrderChecklistAnswers.workOrderId, workOrderId))
    .orderBy(asc(workOrderChecklistAnswers.itemKey))
    .all()
    .map((answer) => ({ itemKey: answer.itemKey, label: answer.label, unit: answer.unit, value: parseJson(answer.value), note: answer.note || null }));
  const files = db
    .select({ sha256: attachments.sha256 })
    .from(attachments)
    .where(eq(attachments.workOrderId, workOrderId))
    .all()
    .map((row) => row.sha256)
    .sort();
  return {
    workOrderCode: head.workOrderCode,
    otType: head.otType,
    ticketCode: head.ticketCode,
    title: head.title,
    description: head.description,
    customerName: head.customerName,
    // Never typed and typed empty are the same report.
    workDone: head.workDone ?? '',
    parts: parts.map((part) => ({ ...part, description: part.description || null, quantity: Number(part.quantity) })),
    checklist,
    attachments: files,
  };
}

/** JSON with every object's keys sorted, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashReportContent(content: ReportContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** sha256 hex of the OT's canonical report content. */
export function reportHashOf(db: AppDb, workOrderId: string): string {
  return hashReportContent(reportContentOf(db, workOrderId));
}
