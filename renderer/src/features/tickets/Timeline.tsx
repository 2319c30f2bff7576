// The bitácora: one line per event with an icon, who did what (worded per event type from meta_data) and when.
import {
  Activity,
  ArrowRightLeft,
  CheckCircle2,
  CircleDot,
  ClipboardCheck,
  ClipboardList,
  Flag,
  MessageSquare,
  Paperclip,
  Phone,
  RotateCcw,
  UserRound,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, TimelineEventDto, TimelineEventType } from '../../../../electron/contract';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../../lib/format';
import { attachmentAddedOf } from '../../../../electron/contract/attachmentEvent';
import { describeEvent, eventBody } from './timelineText';

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

export function Timeline({ events, users }: { events: TimelineEventDto[]; users: DirectoryUser[] }) {
  const { t } = useTranslation('tickets');
  const format = {
    number: formatNumber,
    metric: (key: string) => t(`telemetry:metrics.${key}`, { defaultValue: key }),
    duration: formatDuration,
    dateTime: formatDateTime,
    person: (id: string) => users.find((u) => u.id === id)?.fullName ?? t('timeline.someone'),
    durationChanged: (reason: string, measured: string | null) =>
      measured === null ? t('timeline.durationChangedUnmeasured', { reason }) : t('timeline.durationChanged', { reason, measured }),
  };
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const now = new Date();
  return (
    <ol className="timeline">
      {events.map((event) => {
        // A photo or file added (to an OT or to the ticket) shows a paperclip, not the note's or the OT's icon.
        const Icon = attachmentAddedOf(event.metaData) ? Paperclip : (ICONS[event.eventType] ?? CircleDot);
        const body = eventBody(event, format);
        return (
          <li key={event.id} className={`timeline-event timeline-${event.eventType}`} data-event-type={event.eventType}>
            <span className="timeline-icon" aria-hidden="true">
              <Icon size={14} />
            </span>
            <div className="timeline-content">
              <div className="timeline-headline">
                <strong>{event.author?.fullName ?? t('timeline.system')}</strong> {describeEvent(t, event, users, format)}
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
