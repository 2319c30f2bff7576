// The bitácora: one line per event with an icon, who did what (worded per event type from meta_data) and when.
import {
  Activity,
  ArrowRightLeft,
  CheckCircle2,
  ChevronUp,
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
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, TimelineEventDto, TimelineEventType } from '../../../../electron/contract';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../../lib/format';
import { attachmentAddedOf } from '../../../../electron/contract/attachmentEvent';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../stores/toasts';
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

/** The older events not shown yet: whether there are, whether a page is on its way, and how to ask for it. */
export interface EarlierEvents {
  hasOlder: boolean;
  loading: boolean;
  showEarlier: () => Promise<void>;
}

interface TimelineProps {
  events: TimelineEventDto[];
  users: DirectoryUser[];
  earlier?: EarlierEvents;
  /** OT codes from before a team join renumbered them → their codes now: events name the OT by the code it had. */
  codesNow?: ReadonlyMap<string, string>;
}

export function Timeline({ events, users, earlier, codesNow }: TimelineProps) {
  const { t } = useTranslation('tickets');
  const listRef = useRef<HTMLOListElement>(null);
  const format = {
    number: formatNumber,
    metric: (key: string) => t(`telemetry:metrics.${key}`, { defaultValue: key }),
    duration: formatDuration,
    dateTime: formatDateTime,
    person: (id: string) => users.find((u) => u.id === id)?.fullName ?? t('timeline.someone'),
    proposed: (plan: string) => t('timeline.proposed', { plan }),
    planned: (plan: string) => t('timeline.planned', { plan }),
    codeNow: (code: string) => {
      const now = codesNow?.get(code);
      return now ? t('timeline.codeNow', { now, code }) : code;
    },
    durationChanged: (reason: string, measured: string | null) =>
      measured === null ? t('timeline.durationChangedUnmeasured', { reason }) : t('timeline.durationChanged', { reason, measured }),
  };
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const now = new Date();
  async function showEarlier() {
    if (!earlier) return;
    try {
      await earlier.showEarlier();
    } catch (failure) {
      toast.error(errorMessage(t, failure));
    }
    // The button goes once the first event is shown: keep the keyboard in the timeline rather than on the page.
    if (document.activeElement === document.body) listRef.current?.focus();
  }
  return (
    <>
      {earlier?.hasOlder && (
        <button type="button" className="btn btn-ghost timeline-earlier" onClick={() => void showEarlier()} disabled={earlier.loading} aria-label={t('timeline.showEarlierLabel')}>
          <ChevronUp size={14} aria-hidden="true" />
          {earlier.loading ? t('common:state.loading') : t('timeline.showEarlier')}
        </button>
      )}
      <ol className="timeline" ref={listRef} tabIndex={-1} aria-label={t('timeline.title')}>
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
    </>
  );
}
