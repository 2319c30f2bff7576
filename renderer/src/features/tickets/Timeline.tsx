// The bitácora: one line per event with an icon, who did what (worded per event type from meta_data) and when.
import type { TFunction } from 'i18next';
import {
  Activity,
  ArrowRightLeft,
  CheckCircle2,
  CircleDot,
  ClipboardCheck,
  ClipboardList,
  Flag,
  MessageSquare,
  Phone,
  RotateCcw,
  UserRound,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, TimelineEventDto, TimelineEventType } from '../../../../electron/contract';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';

const ICONS: Record<TimelineEventType, LucideIcon> = {
  created: CircleDot,
  note: MessageSquare,
  status_change: ArrowRightLeft,
  priority_change: Flag,
  assignment: UserRound,
  contact: Phone,
  ot_created: ClipboardList,
  ot_updated: Wrench,
  ot_completed: ClipboardCheck,
  telemetry: Activity,
  closed: CheckCircle2,
  reopened: RotateCcw,
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Events whose `content` is the user's own words, shown as a body under the headline. */
function bodyOf(event: TimelineEventDto): string | null {
  const meta = event.metaData ?? {};
  switch (event.eventType) {
    case 'note':
      return meta.kind === 'edit' ? null : event.content;
    case 'contact':
      return event.content;
    case 'closed':
      return str(meta.resolution) || null;
    case 'reopened':
      return str(meta.reason) || null;
    case 'telemetry': {
      const value = typeof meta.value === 'number' ? formatNumber(meta.value) : str(meta.value);
      return [str(meta.metric), value && `${value} ${str(meta.unit)}`.trim()].filter(Boolean).join(': ') || event.content;
    }
    default:
      return null;
  }
}

export function describeEvent(t: TFunction, event: TimelineEventDto, users: DirectoryUser[]): string {
  const meta = event.metaData ?? {};
  const status = (s: unknown) => (s ? t(`common:ticketStatus.${str(s)}`) : '—');
  const otStatus = (s: unknown) => (s ? t(`common:workOrderStatus.${str(s)}`) : '—');
  switch (event.eventType) {
    case 'note':
      return meta.kind === 'edit' ? t('timeline.edit') : t('timeline.note');
    case 'status_change':
      return t('timeline.status_change', { from: status(meta.from), to: status(meta.to) });
    case 'priority_change':
      return t('timeline.priority_change', { from: t(`common:priority.${str(meta.from)}`), to: t(`common:priority.${str(meta.to)}`) });
    case 'assignment': {
      if (!meta.to) return t('timeline.unassigned');
      const name = users.find((u) => u.id === meta.to)?.fullName ?? t('timeline.someone');
      return t('timeline.assigned', { name });
    }
    case 'contact': {
      const channel = t(`common:contactChannel.${str(meta.channel) || 'other'}`);
      return meta.contactName ? t('timeline.contactWith', { channel, name: str(meta.contactName) }) : t('timeline.contact', { channel });
    }
    case 'ot_created': {
      const workOrder = (meta.workOrder ?? {}) as Record<string, unknown>;
      return t('timeline.ot_created', { code: str(workOrder.code), type: t(`common:workOrderType.${str(workOrder.otType) || 'diagnosis'}`) });
    }
    case 'ot_updated':
      return meta.from && meta.to && meta.from !== meta.to
        ? t('timeline.ot_updated', { code: str(meta.code), from: otStatus(meta.from), to: otStatus(meta.to) })
        : t('timeline.ot_updated_plain', { code: str(meta.code) });
    case 'ot_completed':
      return t('timeline.ot_completed', { code: str(meta.code) });
    default:
      return t(`timeline.${event.eventType}`);
  }
}

export function Timeline({ events, users }: { events: TimelineEventDto[]; users: DirectoryUser[] }) {
  const { t } = useTranslation('tickets');
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const now = new Date();
  return (
    <ol className="timeline">
      {events.map((event) => {
        const Icon = ICONS[event.eventType] ?? CircleDot;
        const body = bodyOf(event);
        return (
          <li key={event.id} className={`timeline-event timeline-${event.eventType}`} data-event-type={event.eventType}>
            <span className="timeline-icon" aria-hidden="true">
              <Icon size={14} />
            </span>
            <div className="timeline-content">
              <div className="timeline-headline">
                <strong>{event.author?.fullName ?? t('timeline.system')}</strong> {describeEvent(t, event, users)}
                <time className="timeline-time" dateTime={event.createdAt} title={formatDateTime(event.createdAt)}>
                  {formatRelative(event.createdAt, now)}
                </time>
              </div>
              {body && <div className="timeline-body">{body}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
