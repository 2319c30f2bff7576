// Readable wording for each timeline event in a report: what happened, by whom, with {from, to} spelled out.
import {
  CONTACT_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type ContactChannel,
} from '../../../shared/enums';
import type { TimelineEventDto } from '../../contract';
import { attachmentAddedOf } from '../../contract/attachmentEvent';
import { formatDuration } from '../../contract/duration';
import { describePart, planLine, planSideOf, workOrderChangeOf, type WorkOrderChange } from '../../contract/workOrderChange';
import type { Labels } from './labels';

export interface TimelineLine {
  /** "Cambio de estado" */
  heading: string;
  /** "Abierto → En curso", or the event's own text. */
  body: string;
}

function translated<K extends string>(value: unknown, keys: readonly K[], table: Record<K, string>): string | null {
  return typeof value === 'string' && (keys as readonly string[]).includes(value) ? table[value as K] : null;
}

/** "{from} → {to}" with enum values translated; null when meta carries no usable pair. */
function transition(meta: Record<string, unknown> | null, translate: (v: unknown) => string | null): string | null {
  if (!meta || !('to' in meta)) return null;
  const to = translate(meta.to);
  if (!to) return null;
  const from = translate(meta.from);
  return from ? `${from} → ${to}` : to;
}

/** A checklist answer (meta `checklist`: label, unit, value) in the report's language: "OT-…: lista: Presión = 2,5 bar". */
function checklistText(answer: unknown, code: string, t: Labels): string {
  const { label, unit, value } = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  const words = t.workOrderChange;
  const quoted = (text: string) => (t.language === 'en' ? `“${text}”` : `«${text}»`);
  const number = (n: number) => new Intl.NumberFormat(t.language === 'en' ? 'en-GB' : 'es-ES', { maximumFractionDigits: 6 }).format(n);
  const shown =
    typeof value === 'boolean'
      ? value ? words.checklistYes : words.checklistNo
      : typeof value === 'number'
        ? [number(value), typeof unit === 'string' ? unit : ''].filter(Boolean).join(' ')
        : typeof value === 'string'
          ? quoted(value.length > 80 ? `${value.slice(0, 79)}…` : value)
          : words.checklistCleared;
  return words.checklist(code, typeof label === 'string' ? label : '', shown);
}

/** What a report knows beyond the event: its date formatter (a reschedule's dates) and the names of the people it names. */
export interface TimelineWording {
  dateTime?: (iso: string) => string;
  /** A user's full name by id (who a ticket was assigned to); null when this copy does not know them. */
  personName?: (id: string) => string | null;
  /** OT codes from before a team join renumbered them → their codes now (events keep the code they were written with). */
  codesNow?: ReadonlyMap<string, string>;
}

export function describeTimelineEvent(event: TimelineEventDto, t: Labels, { dateTime, personName, codesNow }: TimelineWording = {}): TimelineLine {
  const otCode = (value: unknown): string => {
    const code = typeof value === 'string' ? value : '';
    const now = codesNow?.get(code);
    return now ? t.codeNow(now, code) : code;
  };
  const heading = t.timelineEvent[event.eventType] ?? event.eventType;
  const meta = event.metaData;
  // Only a note's and a contact's content are a person's words; every other event stores a generated Spanish line
  // ("Ticket TK-… creado"), printed in a Spanish report only: the others word it from meta_data.
  const ownWords = event.eventType === 'note' || event.eventType === 'contact';
  // Generated events often repeat their type as content ("OT creada"); printing it twice reads like a glitch.
  const raw = ownWords || t.language === 'es' ? event.content.trim() : '';
  const content = raw.toLocaleLowerCase() === heading.toLocaleLowerCase() ? '' : raw;
  const withContent = (summary: string | null) => (summary && content && !content.includes(summary) ? `${summary}\n${content}` : (summary ?? content));
  switch (event.eventType) {
    case 'status_change':
      return { heading, body: withContent(transition(meta, (v) => translated(v, TICKET_STATUSES, t.ticketStatus))) };
    case 'reopened': {
      const moved = transition(meta, (v) => translated(v, TICKET_STATUSES, t.ticketStatus));
      return { heading, body: [moved, ownText(meta?.reason)].filter(Boolean).join('\n') || content };
    }
    case 'closed':
      // The resolution as the person wrote it (the stored line wraps it in Spanish: "Ticket cerrado: …").
      return { heading, body: ownText(meta?.resolution) || content };
    case 'ot_created': {
      const workOrder = (meta?.workOrder ?? {}) as Record<string, unknown>;
      const type = translated(workOrder.otType, WORK_ORDER_TYPES, t.workOrderType);
      const code = otCode(workOrder.code);
      const proposal = planLine(workOrder, dateTime, personName);
      // The type before the code: a code with its former one already ends in brackets ("OT-… (antes OT-…)").
      const said = code ? (type ? `${type}: ${code}` : code) : content;
      return { heading, body: [said, proposal ? t.proposal(proposal) : null].filter(Boolean).join('\n') };
    }
    case 'priority_change':
      return { heading, body: withContent(transition(meta, (v) => translated(v, TICKET_PRIORITIES, t.ticketPriority))) };
    case 'ot_updated': {
      // Parts, serials and notes in the report's language from meta_data (the stored text is Spanish only).
      const change = workOrderChangeOf(meta);
      const code = otCode(meta?.code);
      if (change?.kind === 'rescheduled' && dateTime && change.from.scheduledDate && change.to.scheduledDate) {
        return { heading, body: `${changeText(change, code, t)}: ${dateTime(change.from.scheduledDate)} → ${dateTime(change.to.scheduledDate)}` };
      }
      if (change) return { heading, body: changeText(change, code, t) };
      if (meta?.change === 'checklist') return { heading, body: checklistText(meta.checklist, code, t) };
      const added = attachmentAddedOf(meta);
      if (added) return { heading, body: t.workOrderChange.attachmentAdded(code, added.fileName, added.photo) };
      // A signature and a change after it (services/workOrders/signatures*.ts): the stored line is Spanish only.
      if (meta?.change === 'signed') {
        return { heading, body: t.workOrderChange.signed(code, meta.role === 'technician' ? 'technician' : 'customer', typeof meta.signerName === 'string' ? meta.signerName : '') };
      }
      if (meta?.change === 'signature_invalidated') return { heading, body: t.workOrderChange.signatureInvalidated(code) };
      const moved = meta?.from !== meta?.to ? transition(meta, (v) => translated(v, WORK_ORDER_STATUSES, t.workOrderStatus)) : null;
      const reason = meta?.to === 'cancelled' && typeof meta.reason === 'string' ? t.workOrderChange.cancelReason(meta.reason) : null;
      // Which OT moved, as the screen says it ("OT-…: Por planificar → Programada"); the stored Spanish line is not
      // printed beside it (it says the same, and in an English report would say it in Spanish).
      // Cancelled while closing the ticket: all it says is in meta_data, in the report's language.
      const atClose = meta?.closedWithTicket ? ` ${t.workOrderChange.atClose(false)}` : '';
      // Scheduled the first time: for when and whom.
      const plan = meta?.to === 'scheduled' && meta.from !== 'scheduled' ? planLine(planSideOf(meta, 'to'), dateTime, personName) : '';
      if (moved && code) return { heading, body: [`${code}: ${moved}${atClose}`, plan ? t.planned(plan) : null, reason].filter(Boolean).join('\n') };
      return { heading, body: [withContent(moved), reason].filter(Boolean).join('\n') };
    }
    case 'ot_completed': {
      // The duration, and why it was typed instead of measured, as the ticket's timeline on screen shows them.
      const moved = transition(meta, (v) => translated(v, WORK_ORDER_STATUSES, t.workOrderStatus));
      const total = secondsOf(meta?.totalDuration);
      const reason = typeof meta?.durationReason === 'string' ? meta.durationReason.trim() : '';
      const measured = secondsOf(meta?.measuredDuration);
      const why = reason ? t.workOrderChange.durationChanged(reason, measured === null ? null : formatDuration(measured, t.language)) : null;
      const code = otCode(meta?.code);
      if (meta?.closedWithTicket) {
        // Completed while closing the ticket: the move, whether it had a start, and the work done the person gave.
        const atClose = [`${code}: ${moved ?? ''} ${t.workOrderChange.atClose(meta.withoutStart === true)}`, formatDurationOrNull(total, t)].filter(Boolean).join(' · ');
        // Events written before work_done existed carried the text as `notes`.
        const given = typeof meta.workDone === 'string' ? meta.workDone : meta.notes;
        const done = typeof given === 'string' && given.trim() ? `${t.workDone}: ${given.trim()}` : null;
        return { heading, body: [atClose, why, done].filter(Boolean).join('\n') };
      }
      // One line: which OT, the move and the time ("OT-…: En curso → Completada · 2 h 50 min"), not the stored line again.
      const summary = [code && moved ? `${code}: ${moved}` : moved, formatDurationOrNull(total, t)].filter(Boolean).join(' · ') || null;
      return { heading, body: [code && moved ? summary : withContent(summary), why].filter(Boolean).join('\n') };
    }
    case 'note': {
      // A photo or file added to the ticket itself is stored as a note flagged kind 'attachment_added'.
      const added = attachmentAddedOf(meta);
      if (added) return { heading: t.workOrderChange.attachmentHeading, body: t.workOrderChange.attachmentAdded(null, added.fileName, added.photo) };
      return { heading, body: content };
    }
    case 'assignment': {
      // To whom, as the screen says it; the stored line ("Ticket asignado") names nobody and is Spanish only.
      if (!meta?.to) {
        const from = typeof meta?.from === 'string' ? personName?.(meta.from) : null;
        return { heading, body: from ? t.assignment.removedFrom(from) : t.assignment.removed };
      }
      const name = typeof meta.to === 'string' ? personName?.(meta.to) : null;
      return { heading, body: name ? t.assignment.to(name) : content };
    }
    case 'created':
      // The heading says it; the stored line ("Ticket TK-… creado") only repeated it with the code of the header.
      return { heading, body: '' };
    case 'contact': {
      const channel = translated(meta?.channel, CONTACT_CHANNELS, t.contactChannel as Record<ContactChannel, string>);
      const who = typeof meta?.contactName === 'string' && meta.contactName ? meta.contactName : null;
      const prefix = [channel, who].filter(Boolean).join(' · ');
      return { heading: prefix ? `${heading} (${prefix})` : heading, body: content };
    }
    default:
      return { heading, body: content };
  }
}

/** A person's text kept in meta_data (a resolution, a reason), trimmed; '' when there is none. */
const ownText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

const formatDurationOrNull = (seconds: number | null, t: Labels): string | null => (seconds === null ? null : formatDuration(seconds, t.language));

function secondsOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function changeText(change: WorkOrderChange, code: string, t: Labels): string {
  // Quantities in the report language's numbers (1,5 kg in Spanish).
  const decimals = new Intl.NumberFormat(t.language === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 3 });
  const words = { ...t.workOrderChange, quantity: (value: number) => decimals.format(value) };
  switch (change.kind) {
    case 'item_added':
      return change.direction === 'removed' ? words.itemTakenOut(code, describePart(change, words)) : words.itemAdded(code, describePart(change, words));
    case 'item_removed':
      return words.itemRemoved(code, describePart(change, words));
    case 'notes':
      return words.notes(code);
    case 'work_done':
      return words.workDone(code);
    case 'rescheduled':
      return words.rescheduled(code);
  }
}
