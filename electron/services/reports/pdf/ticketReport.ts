// The ticket report: ticket facts, customer, description and resolution, the whole timeline, every OT with its parts.
import { codesNowOf } from '../../../contract/codesNow';
import type { SettingsDto, TicketDetail, WorkOrderDetail } from '../../../contract';
import { slaClockState, slaRemainingMs, type SlaClock } from '../../../../shared/sla';
import { printableLogo } from '../../companyLogo';
import { createFormatter, type Formatter } from '../format';
import { labelsFor, type Labels } from '../labels';
import { describeTimelineEvent } from '../timelineText';
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
import { fieldLabelsFor } from './fieldLabels';
import { drawTable } from './table';
import { tag } from './tagging';
import {
  drawCancelReason,
  drawCustomerFields,
  drawDurationReason,
  partsColumns,
  partsRows,
  WORK_ORDER_FIELD_COLUMNS,
  workDoneText,
  workOrderFields,
  type RenderOptions,
} from './workOrderReport';

export interface TicketReportData {
  ticket: TicketDetail;
  settings: SettingsDto;
  /** Full names by user id of the people the timeline names (whom it was assigned to); without it, none is named. */
  people?: ReadonlyMap<string, string>;
}

function drawTimeline(doc: Pdf, ticket: TicketDetail, people: ReadonlyMap<string, string>, t: Labels, f: Formatter): void {
  drawSectionTitle(doc, t.timeline);
  if (ticket.timeline.length === 0) {
    drawParagraph(doc, t.noTimeline, { muted: true });
    return;
  }
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const codesNow = codesNowOf(ticket.workOrders);
  for (const event of ticket.timeline) {
    const line = describeTimelineEvent(event, t, { dateTime: (iso) => f.dateTime(iso), personName: (id) => people.get(id) ?? null, codesNow });
    const meta = [f.dateTime(event.createdAt), event.author?.fullName ?? t.systemAuthor].join(' · ');
    ensureSpace(doc, 34);
    tag(doc, 'P', () => {
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(meta, x, doc.y, { width });
      doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text(line.heading, x, doc.y + 1, { width });
      if (line.body) doc.font(FONT.regular).fontSize(9.5).text(line.body, x, doc.y + 1, { width, lineGap: 1 });
    });
    doc.x = x;
    doc.y += 7;
  }
}

/** The least of an OT's block kept on one page: its title and first row of facts. */
const WORK_ORDER_BLOCK_START = 90;

function drawWorkOrder(doc: Pdf, wo: WorkOrderDetail, t: Labels, f: Formatter): void {
  ensureSpace(doc, WORK_ORDER_BLOCK_START);
  const x = contentLeft(doc);
  tag(doc, 'H3', () => {
    doc.font(FONT.bold).fontSize(10.5).fillColor(COLOR.text);
    doc.text(`${wo.code} · ${t.workOrderType[wo.otType]} · ${t.workOrderStatus[wo.status]}`, x, doc.y, { width: contentWidth(doc) });
  });
  doc.y += 4;
  drawFields(doc, workOrderFields(wo, t, f), WORK_ORDER_FIELD_COLUMNS);
  drawDurationReason(doc, wo, fieldLabelsFor(t.language));
  drawCancelReason(doc, wo, t);
  // The work done, never the internal notes (a customer reads this); see workDoneText for OTs from before work_done.
  const done = workDoneText(wo);
  if (done) {
    tag(doc, 'P', () => doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(t.workDone.toUpperCase(), x, doc.y, { width: contentWidth(doc) }));
    drawParagraph(doc, done);
  }
  const installed = wo.items.filter((item) => item.direction !== 'removed');
  const removed = wo.items.filter((item) => item.direction === 'removed');
  if (installed.length > 0) drawTable(doc, partsColumns(t), partsRows(installed, t, f));
  else if (removed.length === 0) drawParagraph(doc, t.noParts, { muted: true });
  if (removed.length > 0) {
    // What came out of the customer's site is its own list, as in the OT report.
    ensureSpace(doc, 50);
    const label = fieldLabelsFor(t.language).partsRemoved.toUpperCase();
    tag(doc, 'P', () => doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(label, x, doc.y, { width: contentWidth(doc) }));
    doc.y += 2;
    drawTable(doc, partsColumns(t), partsRows(removed, t, f));
  }
  doc.y += 6;
}

/** One SLA clock in words as the report is printed: taken (and whether on target), pending, overdue or paused. */
export function slaText(clock: SlaClock, nowMs: number, t: Labels, f: Formatter): string {
  const state = slaClockState(clock, nowMs);
  if (state === 'met' || state === 'missed') return t.sla.done(f.longDuration(clock.elapsedMs / 1000), state === 'met', f.longDuration(clock.targetMinutes * 60));
  if (state === 'breached') return t.sla.overdueSince(f.dateTime(clock.dueAt));
  if (state === 'paused') return t.sla.paused(f.longDuration(Math.max(0, slaRemainingMs(clock, nowMs)) / 1000));
  return t.sla.dueBy(f.dateTime(clock.dueAt));
}

export async function renderTicketPdf(data: TicketReportData, options: RenderOptions): Promise<Uint8Array> {
  const t = labelsFor(options.language);
  const f = createFormatter(options.language, options.timeZone);
  const ticket = data.ticket;
  const doc = await createReportDocument({
    title: `${t.ticketReportTitle} ${ticket.code}`,
    language: options.language,
    generatedAt: options.generatedAt,
    author: data.settings.companyName,
    subject: ticket.title,
  });
  const logo = await printableLogo(data.settings.companyLogo);
  drawHeader(doc, data.settings, { title: t.ticketReportTitle, code: ticket.code, taxIdLabel: fieldLabelsFor(options.language).taxId }, logo);

  drawSectionTitle(doc, t.ticket);
  drawFields(doc, [[t.title, ticket.title]], 1);
  drawFields(doc, [
    [t.status, t.ticketStatus[ticket.status]],
    [t.priority, t.ticketPriority[ticket.priority]],
    [t.category, ticket.category?.name ?? t.notSet],
    [t.assignedTo, ticket.assignedTo?.fullName ?? t.notSet],
    [t.creator, ticket.creator?.fullName ?? t.notSet],
    [t.created, f.dateTime(ticket.createdAt)],
    [t.updated, f.dateTime(ticket.updatedAt)],
    [t.closedAt, f.dateTime(ticket.closedAt)],
  ]);
  const now = Date.parse(options.generatedAt);
  drawFields(doc, [
    [t.sla.firstResponse, slaText(ticket.slaClocks.response, now, t, f)],
    [t.sla.resolution, slaText(ticket.slaClocks.resolution, now, t, f)],
  ], 2);

  drawSectionTitle(doc, t.customer);
  drawCustomerFields(doc, ticket.customerDetail, ticket.customer?.name ?? null, t);

  drawSectionTitle(doc, t.description);
  drawParagraph(doc, ticket.description.trim() || t.notSet, { muted: !ticket.description.trim() });
  if (ticket.resolution) {
    drawSectionTitle(doc, t.resolution);
    drawParagraph(doc, ticket.resolution);
  }

  drawTimeline(doc, ticket, data.people ?? new Map(), t, f);

  // The title keeps room for the first OT's block, or it is left alone at a page's foot when the block moves on.
  drawSectionTitle(doc, t.workOrders, ticket.workOrders.length > 0 ? WORK_ORDER_BLOCK_START : undefined);
  if (ticket.workOrders.length === 0) drawParagraph(doc, t.noWorkOrders, { muted: true });
  for (const wo of ticket.workOrders) drawWorkOrder(doc, wo, t, f);

  return finishDocument(doc, `${ticket.code} · ${t.generatedAt} ${f.dateTime(options.generatedAt)}`, t.page);
}
