// The OT report a customer signs: header, OT facts, ticket, customer, the fault, work done, checklist, parts installed and
// removed, photo thumbnails, and last the signatures with what they vouch for. Drawn in steps with a breath between
// them (see breathe()).
import type { CustomerDto, SettingsDto, WorkOrderDetail, WorkOrderItemDto } from '../../../contract';
import { printableLogo } from '../../companyLogo';
import { createFormatter, type Formatter } from '../format';
import { labelsFor, type Labels, type ReportLanguage } from '../labels';
import {
  breathe,
  createReportDocument,
  drawFields,
  drawHeader,
  drawParagraph,
  drawSectionTitle,
  finishDocument,
  type Pdf,
} from './document';
import type { FieldCapture } from './fieldCapture';
import { fieldLabelsFor, type FieldLabels } from './fieldLabels';
import { drawChecklist, drawPhotoPages } from './fieldCaptureDraw';
import { drawSignatures } from './signatures';
import { drawTable, type TableColumn } from './table';
import { addressLine } from '../../../../shared/address';

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
  /** The fault, checklist, photos and signatures (issue 15); absent when a report is drawn from the DTOs alone. */
  capture?: FieldCapture;
}

export function partsColumns(t: Labels): TableColumn[] {
  return [
    { header: t.product, share: 0.4 },
    { header: t.sku, share: 0.16 },
    { header: t.serial, share: 0.28 },
    { header: t.quantity, share: 0.16, align: 'right' },
  ];
}

/** A catalogue part by its product, a free-text one by its words; quantities keep decimals and their unit. */
export function partsRows(items: readonly WorkOrderItemDto[], t: Labels, f: Formatter): string[][] {
  return items.map((item) => [
    item.productName ?? (item.description?.trim() || t.notSet),
    item.productSku ?? t.notSet,
    item.serialNumber ?? t.notSet,
    f.quantity(item.quantity, item.unit ?? 'unit'),
  ]);
}

/**
 * What the report says was done: "Trabajo realizado"; an OT completed before that field existed (work_done null) printed
 * its notes, and still does. An OT not completed yet never shows its internal notes.
 */
export function workDoneText(wo: WorkOrderDetail): string | null {
  if (wo.workDone?.trim()) return wo.workDone.trim();
  if (wo.workDone == null && wo.status === 'completed' && wo.notes?.trim()) return wo.notes.trim();
  return null;
}

export function workOrderFields(wo: WorkOrderDetail, t: Labels, f: Formatter): [string, string][] {
  return [
    [t.type, t.workOrderType[wo.otType]],
    [t.status, t.workOrderStatus[wo.status]],
    [t.technician, wo.technician?.fullName ?? t.notSet],
    [t.duration, f.duration(wo.totalDuration)],
    [wo.status === 'pending_planning' ? t.proposed : t.scheduled, f.dateTime(wo.scheduledDate)],
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
      [t.address, addressLine(customer?.address, customer?.town) || t.notSet],
      [t.email, customer?.email ?? t.notSet],
    ],
    2,
  );
}

/** A cancelled OT says why ("Motivo: …"), as its screen does; the timeline is not the only place that has it. */
export function drawCancelReason(doc: Pdf, wo: WorkOrderDetail, t: Labels): void {
  if (wo.status === 'cancelled' && wo.cancelReason?.trim()) drawParagraph(doc, t.workOrderChange.cancelReason(wo.cancelReason.trim()));
}

/** A duration typed at completion prints why, right under the facts that show it. */
export function drawDurationReason(doc: Pdf, wo: WorkOrderDetail, fl: FieldLabels): void {
  if (wo.durationReason?.trim()) drawParagraph(doc, fl.durationReason(wo.durationReason.trim()), { muted: true });
}

function drawPartsSections(doc: Pdf, wo: WorkOrderDetail, t: Labels, fl: FieldLabels, f: Formatter): void {
  const installed = wo.items.filter((item) => item.direction !== 'removed');
  const removed = wo.items.filter((item) => item.direction === 'removed');
  drawSectionTitle(doc, fl.partsInstalled);
  if (installed.length === 0) drawParagraph(doc, t.noParts, { muted: true });
  else drawTable(doc, partsColumns(t), partsRows(installed, t, f));
  if (removed.length > 0) {
    drawSectionTitle(doc, fl.partsRemoved);
    drawTable(doc, partsColumns(t), partsRows(removed, t, f));
  }
}

export async function renderWorkOrderPdf(data: WorkOrderReportData, options: RenderOptions): Promise<Uint8Array> {
  const t = labelsFor(options.language);
  const fl = fieldLabelsFor(options.language);
  const f = createFormatter(options.language, options.timeZone);
  const wo = data.workOrder;
  const capture = data.capture;
  const doc = await createReportDocument({
    title: `${t.workOrderReportTitle} ${wo.code}`,
    language: options.language,
    generatedAt: options.generatedAt,
    author: data.settings.companyName,
    subject: `${wo.ticketCode} · ${wo.ticketTitle}`,
  });
  const logo = await printableLogo(data.settings.companyLogo);
  drawHeader(doc, data.settings, { title: t.workOrderReportTitle, code: wo.code, taxIdLabel: fl.taxId }, logo);
  await breathe();
  drawSectionTitle(doc, t.workOrder);
  drawFields(doc, workOrderFields(wo, t, f), WORK_ORDER_FIELD_COLUMNS);
  // The ticket it answers, in the same block: one section less keeps the signatures on the first page more often.
  drawFields(doc, [[t.ticket, wo.ticketCode], [t.ticketTitle, wo.ticketTitle]], [1, 3]);
  drawDurationReason(doc, wo, fl);
  drawCancelReason(doc, wo, t);
  await breathe();
  drawSectionTitle(doc, t.customer);
  drawCustomerFields(doc, data.customer, wo.customer?.name ?? null, t);
  await breathe();

  if (capture) {
    drawSectionTitle(doc, fl.faultDescription);
    drawParagraph(doc, capture.faultDescription || fl.noFaultDescription, { muted: !capture.faultDescription });
  }
  const done = workDoneText(wo);
  drawSectionTitle(doc, fl.workDone);
  drawParagraph(doc, done ?? t.noNotes, { muted: !done });
  await breathe();
  if (capture && capture.checklist.length > 0) {
    drawChecklist(doc, capture.checklist, fl, f);
    await breathe();
  }

  drawPartsSections(doc, wo, t, fl, f);
  await breathe();

  // The photos are part of what is signed: they come first, and the signatures close the report.
  const photos = capture?.photos ?? [];
  if (photos.length > 0) {
    await drawPhotoPages(doc, photos, fl);
    await breathe();
  }
  doc.y += 6;
  drawSignatures(doc, capture?.signatures ?? [], wo, photos.length > 0, { t, fl, f });
  return finishDocument(doc, `${wo.code} · ${t.generatedAt} ${f.dateTime(options.generatedAt)}`, t.page);
}
