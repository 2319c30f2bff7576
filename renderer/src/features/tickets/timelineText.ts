// The words of the bitácora: one sentence per event type from its meta_data, in the UI language (pure: no DOM, no i18n instance).
import type { TFunction } from 'i18next';
import type { DirectoryUser, TimelineEventDto } from '../../../../electron/contract';
import { attachmentAddedOf } from '../../../../electron/contract/attachmentEvent';
import { telemetrySummaryOf } from '../../../../electron/contract/telemetrySummary';
import { describePart, planLine, planSideOf, workOrderChangeOf } from '../../../../electron/contract/workOrderChange';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Events whose `content` is the user's own words, shown as a body under the headline. */
export interface BodyFormat {
  number(value: number): string;
  /** A metric key ('temperature') as the user reads it. */
  metric(key: string): string;
  /** Seconds as every screen and the PDF write them (electron/contract/duration.ts). */
  duration(seconds: number): string;
  /** Why an OT's duration was typed instead of measured, with the measured one when there was a start. */
  durationChanged(reason: string, measured: string | null): string;
  /** A date and time on the company clock (a reschedule's from → to). */
  dateTime?: (iso: string) => string;
  /** A user's name by id (a reschedule's technicians). */
  person?: (id: string) => string;
  /** A request's proposal ("7 dic 2026, 9:05 · Tomás") as the body says it. */
  proposed?: (plan: string) => string;
  /** The day, hour and technician an OT was first scheduled for, labelled so it does not read as an event's own line. */
  planned?: (plan: string) => string;
  /** An OT code as it reads now: one from before a team join renumbered it, with the code it has now. */
  codeNow?: (code: string) => string;
}

const seconds = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

const SHOWN_METRICS = 4;

const planText = (format: BodyFormat, side: { scheduledDate?: unknown; technicianId?: unknown }): string => planLine(side, format.dateTime, format.person);

export function eventBody(event: TimelineEventDto, format: BodyFormat): string | null {
  const meta = event.metaData ?? {};
  switch (event.eventType) {
    case 'note':
      return meta.kind === 'edit' || attachmentAddedOf(meta) ? null : event.content;
    case 'contact':
      return event.content;
    case 'closed':
      return str(meta.resolution) || null;
    case 'reopened':
      return str(meta.reason) || null;
    case 'ot_completed': {
      // Written by workOrders.complete or a close's 'complete' when the duration was typed (meta: totalDuration, measuredDuration, durationReason).
      const reason = str(meta.durationReason).trim();
      const measured = seconds(meta.measuredDuration);
      const why = reason ? format.durationChanged(reason, measured === null ? null : format.duration(measured)) : null;
      // Completed while closing the ticket: the work done the person gave for it.
      const done = meta.closedWithTicket ? str(meta.workDone ?? meta.notes) : '';
      return [done, why].filter(Boolean).join('\n') || null;
    }
    case 'ot_created': {
      // A request that proposed a day, hour or technician: what it proposed.
      const proposal = planText(format, (meta.workOrder ?? {}) as { scheduledDate?: unknown; technicianId?: unknown });
      return proposal && format.proposed ? format.proposed(proposal) : null;
    }
    case 'ot_updated': {
      const change = workOrderChangeOf(meta);
      if (change?.kind === 'rescheduled' && format.dateTime) {
        // "9 mar 2026, 9:00 · Tomás → 9 mar 2026, 11:00 · Teresa": what moved, from → to.
        return `${planText(format, change.from) || '—'} → ${planText(format, change.to) || '—'}`;
      }
      // Scheduled for the first time: for when and whom.
      if (meta.to === 'scheduled' && meta.from !== 'scheduled') {
        const plan = planText(format, planSideOf(meta, 'to'));
        return plan && format.planned ? format.planned(plan) : plan || null;
      }
      return meta.to === 'cancelled' && meta.from !== 'cancelled' ? str(meta.reason) || null : null;
    }
    case 'telemetry': {
      // The reply carries a summary per metric (issue 17): its one value, or the range of its many.
      const summary = telemetrySummaryOf(meta);
      if (!summary || summary.count === 0) return event.content;
      const shown = summary.metrics.slice(0, SHOWN_METRICS).map((m) => {
        const value = m.count === 1 || m.min === m.max ? format.number(m.last.value) : `${format.number(m.min)} – ${format.number(m.max)}`;
        return `${format.metric(m.metric)}: ${value} ${m.unit}`.trim();
      });
      const more = summary.metrics.length > SHOWN_METRICS || summary.moreMetrics > 0;
      return shown.join(' · ') + (more ? ' · …' : '');
    }
    default:
      return null;
  }
}

/** A checklist answer (services/workOrders/checklistAnswer.ts meta `checklist`): "… : Presión = 2,5 bar". */
function checklistLine(t: TFunction, code: string, answer: unknown): string {
  const { label, unit, value } = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  const words =
    typeof value === 'boolean'
      ? t(value ? 'timeline.checklistYes' : 'timeline.checklistNo')
      : typeof value === 'number'
        ? `${t('timeline.checklistNumber', { value })}${typeof unit === 'string' && unit ? ` ${unit}` : ''}`
        : typeof value === 'string'
          ? t('timeline.checklistText', { value: value.length > 80 ? `${value.slice(0, 79)}…` : value })
          : t('timeline.checklistCleared');
  return t('timeline.ot_checklist', { code, label: str(label), value: words });
}

/** `format.duration` words an OT's duration in the headline (left out without it); `format.codeNow` its code now. */
export function describeEvent(t: TFunction, event: TimelineEventDto, users: DirectoryUser[], format?: Pick<BodyFormat, 'duration' | 'codeNow'>): string {
  const meta = event.metaData ?? {};
  const otCode = (value: unknown) => (format?.codeNow ? format.codeNow(str(value)) : str(value));
  const status = (s: unknown) => (s ? t(`common:ticketStatus.${str(s)}`) : '—');
  const otStatus = (s: unknown) => (s ? t(`common:workOrderStatus.${str(s)}`) : '—');
  switch (event.eventType) {
    case 'note': {
      const added = attachmentAddedOf(meta);
      // A photo or file added to the ticket itself: «IMG_0001.jpg», not "added a note".
      if (added) return t(added.photo ? 'timeline.ticket_photo_added' : 'timeline.ticket_file_added', { name: added.fileName });
      if (meta.kind !== 'edit') return t('timeline.note');
      const changes = meta.changes && typeof meta.changes === 'object' ? Object.keys(meta.changes) : [];
      const fields = changes.map((field) => t(`timeline.fields.${field}`, { defaultValue: field }));
      return fields.length > 0 ? t('timeline.editFields', { fields: fields.join(', ') }) : t('timeline.edit');
    }
    case 'status_change':
      return t('timeline.status_change', { from: status(meta.from), to: status(meta.to) });
    case 'priority_change':
      return t('timeline.priority_change', { from: t(`common:priority.${str(meta.from)}`), to: t(`common:priority.${str(meta.to)}`) });
    case 'assignment': {
      // Taken away: from whom, when the person is known here.
      if (!meta.to) {
        const from = users.find((u) => u.id === meta.from)?.fullName;
        return from ? t('timeline.unassignedFrom', { name: from }) : t('timeline.unassigned');
      }
      const name = users.find((u) => u.id === meta.to)?.fullName ?? t('timeline.someone');
      return t('timeline.assigned', { name });
    }
    case 'contact': {
      const channel = t(`common:contactChannel.${str(meta.channel) || 'other'}`);
      return meta.contactName ? t('timeline.contactWith', { channel, name: str(meta.contactName) }) : t('timeline.contact', { channel });
    }
    case 'ot_created': {
      const workOrder = (meta.workOrder ?? {}) as Record<string, unknown>;
      return t('timeline.ot_created', { code: otCode(workOrder.code), type: t(`common:workOrderType.${str(workOrder.otType) || 'diagnosis'}`) });
    }
    case 'ot_updated': {
      // Parts, serials, notes and new dates are worded from meta_data, the same facts in every language.
      const change = workOrderChangeOf(meta);
      const code = otCode(meta.code);
      if (change?.kind === 'item_added' || change?.kind === 'item_removed') {
        // Quantities in the UI language's numbers (1,5 kg in Spanish).
        const part = describePart(change, { part: t('timeline.partFallback'), serial: (serial) => t('timeline.serial', { serial }), quantity: (value) => t('timeline.quantity', { value }) });
        const key = change.kind === 'item_added' && change.direction === 'removed' ? 'ot_item_taken_out' : `ot_${change.kind}`;
        return t(`timeline.${key}`, { code, part });
      }
      if (change?.kind === 'notes') return t('timeline.ot_notes', { code });
      const added = attachmentAddedOf(meta);
      if (added) return t(added.photo ? 'timeline.ot_photo_added' : 'timeline.ot_file_added', { code, name: added.fileName });
      if (meta.change === 'checklist') return checklistLine(t, code, meta.checklist);
      // A signature, and a later change that asks for a new one (services/workOrders/signatures*.ts).
      if (meta.change === 'signed') return t(`timeline.ot_signed_${meta.role === 'technician' ? 'technician' : 'customer'}`, { code, name: str(meta.signerName) });
      if (meta.change === 'signature_invalidated') return t('timeline.ot_signature_invalidated', { code });
      if (change?.kind === 'work_done') return t('timeline.ot_work_done', { code });
      if (change?.kind === 'rescheduled') return t('timeline.ot_rescheduled', { code });
      if (meta.closedWithTicket && meta.to === 'cancelled') return t('timeline.ot_cancelled_at_close', { code });
      return meta.from && meta.to && meta.from !== meta.to
        ? t('timeline.ot_updated', { code, from: otStatus(meta.from), to: otStatus(meta.to) })
        : t('timeline.ot_updated_plain', { code });
    }
    case 'ot_completed': {
      if (meta.closedWithTicket) return t(meta.withoutStart ? 'timeline.ot_completed_at_close_no_start' : 'timeline.ot_completed_at_close', { code: otCode(meta.code) });
      const total = seconds(meta.totalDuration);
      return total !== null && format
        ? t('timeline.ot_completed_duration', { code: otCode(meta.code), duration: format.duration(total) })
        : t('timeline.ot_completed', { code: otCode(meta.code) });
    }
    case 'telemetry':
      return t('timeline.telemetry', { count: Math.max(1, telemetrySummaryOf(meta)?.count ?? 0) });
    default:
      return t(`timeline.${event.eventType}`);
  }
}
