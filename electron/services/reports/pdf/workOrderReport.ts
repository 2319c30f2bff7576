// The OT report a customer signs: header, OT facts, ticket, customer, work done, parts, signatures.
import type { CustomerDto, SettingsDto, WorkOrderDetail, WorkOrderItemDto } from '../../../contract';
import { createFormatter, type Formatter } from '../format';
import { labelsFor, type Labels, type ReportLanguage } from '../labels';
import {
  COLOR,
  contentLeft,
  contentWidth,
  createReportDocument,
  drawFields,
  drawHeader,
  drawParagraph,
  drawSectionTitle,
  ensureSpace,
  finishDocument,
  FONT,
  type Pdf,
} from './document';
import { drawTable, type TableColumn } from './table';

export interface RenderOptions {
  language: ReportLanguage;
  /** ISO time printed in the footer (the service clock, so output is reproducible). */
  generatedAt: string;
  /** IANA zone for printed times; the machine's zone when omitted. */
  timeZone?: string;
}

export interface WorkOrderReportData {
  workOrder: WorkOrderDetail;
  /** The ticket's customer with address and contact; null when the ticket has none. */
  customer: CustomerDto | null;
  settings: SettingsDto;
}

export function partsColumns(t: Labels): TableColumn[] {
  return [
    { header: t.product, share: 0.4 },
    { header: t.sku, share: 0.18 },
    { header: t.serial, share: 0.3 },
    { header: t.quantity, share: 0.12, align: 'right' },
  ];
}

export function partsRows(items: readonly WorkOrderItemDto[], t: Labels, f: Formatter): string[][] {
  return items.map((item) => [item.productName ?? t.notSet, item.productSku ?? t.notSet, item.serialNumber ?? t.notSet, f.integer(item.quantity)]);
}

export function workOrderFields(wo: WorkOrderDetail, t: Labels, f: Formatter): [string, string][] {
  return [
    [t.type, t.workOrderType[wo.otType]],
    [t.status, t.workOrderStatus[wo.status]],
    [t.technician, wo.technician?.fullName ?? t.notSet],
    [t.duration, f.duration(wo.totalDuration)],
    [t.scheduled, f.dateTime(wo.scheduledDate)],
    [t.started, f.dateTime(wo.startedAt)],
    [t.completed, f.dateTime(wo.completedAt)],
  ];
}

/** Four columns: type, status, technician, duration over the three dates. */
export const WORK_ORDER_FIELD_COLUMNS = 4;

/** Name, contact and phone on one row; address and email share the next one. */
export function drawCustomerFields(doc: Pdf, customer: CustomerDto | null, fallbackName: string | null, t: Labels): void {
  drawFields(doc, [
    [t.name, customer?.name ?? fallbackName ?? t.notSet],
    [t.contact, customer?.contactName ?? t.notSet],
    [t.phone, customer?.phone ?? t.notSet],
  ]);
  drawFields(
    doc,
    [
      [t.address, customer?.address ?? t.notSet],
      [t.email, customer?.email ?? t.notSet],
    ],
    2,
  );
}

function drawSignatures(doc: Pdf, t: Labels, technicianName: string | null): void {
  ensureSpace(doc, 110);
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const boxWidth = width * 0.42;
  const lineY = doc.y + 60;
  const blocks = [
    { x, label: t.technicianSignature, caption: technicianName ?? '' },
    { x: x + width - boxWidth, label: t.customerSignature, caption: t.nameAndId },
  ];
  for (const block of blocks) {
    doc.moveTo(block.x, lineY).lineTo(block.x + boxWidth, lineY).lineWidth(0.8).strokeColor(COLOR.text).stroke();
    doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text(block.label, block.x, lineY + 5, { width: boxWidth });
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted).text(block.caption, block.x, lineY + 18, { width: boxWidth });
  }
  doc.x = x;
  doc.y = lineY + 36;
  doc.fillColor(COLOR.text);
}

/** A cancelled OT says why ("Motivo: …"), as its screen does; the timeline is not the only place that has it. */
export function drawCancelReason(doc: Pdf, wo: WorkOrderDetail, t: Labels): void {
  if (wo.status === 'cancelled' && wo.cancelReason?.trim()) drawParagraph(doc, t.workOrderChange.cancelReason(wo.cancelReason.trim()));
}

/** Draws the OT body on the current document (also used inside the ticket report). */
export function drawWorkOrderBody(doc: Pdf, data: WorkOrderReportData, t: Labels, f: Formatter): void {
  const wo = data.workOrder;
  drawSectionTitle(doc, t.workOrder);
  drawFields(doc, workOrderFields(wo, t, f), WORK_ORDER_FIELD_COLUMNS);
  drawCancelReason(doc, wo, t);
  drawSectionTitle(doc, t.ticket);
  drawFields(doc, [[t.code, wo.ticketCode], [t.title, wo.ticketTitle]], [1, 3]);
  drawSectionTitle(doc, t.customer);
  drawCustomerFields(doc, data.customer, wo.customer?.name ?? null, t);
  drawSectionTitle(doc, t.workDone);
  drawParagraph(doc, wo.notes?.trim() ? wo.notes : t.noNotes, { muted: !wo.notes?.trim() });
  drawSectionTitle(doc, t.parts);
  if (wo.items.length === 0) drawParagraph(doc, t.noParts, { muted: true });
  else drawTable(doc, partsColumns(t), partsRows(wo.items, t, f));
}

export async function renderWorkOrderPdf(data: WorkOrderReportData, options: RenderOptions): Promise<Uint8Array> {
  const t = labelsFor(options.language);
  const f = createFormatter(options.language, options.timeZone);
  const wo = data.workOrder;
  const doc = createReportDocument({ title: `${t.workOrderReportTitle} ${wo.code}`, language: options.language, generatedAt: options.generatedAt });
  drawHeader(doc, data.settings, t.workOrderReportTitle, wo.code);
  drawWorkOrderBody(doc, data, t, f);
  doc.y += 10;
  drawSignatures(doc, t, wo.technician?.fullName ?? null);
  return finishDocument(doc, `${wo.code} · ${t.generatedAt} ${f.dateTime(options.generatedAt)}`, t.page);
}
