// One OT on the board: a button that can be dragged (planned visits only) or opened with Enter ("Mover a…").
import { AlertTriangle } from 'lucide-react';
import { memo, useMemo, type CSSProperties, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES, type WorkOrderStatus, type WorkOrderType } from '../../../../shared/enums';
import { formatDuration, formatNarrowDuration, formatTime } from '../../lib/format';
import type { BoardItem } from './boardItems';

/** The words every block's label is made of, looked up once per language (a screenful holds hundreds of blocks). */
export interface BlockWords {
  type: Record<WorkOrderType, string>;
  status: Record<WorkOrderStatus, string>;
  when(time: string, length: string): string;
  clashesWith(codes: string): string;
  /** Said before the ticket's title on an OT without a customer, where a customer's name goes otherwise. */
  withoutCustomer: string;
}

// Placeholders the translations are asked with once; each block puts its own values in their place.
const TIME = '\u0001time\u0001';
const LENGTH = '\u0001length\u0001';
const CODES = '\u0001codes\u0001';

export function useBlockWords(): BlockWords {
  const { t, i18n } = useTranslation('dispatch');
  return useMemo(() => {
    const when = t('block.when', { time: TIME, length: LENGTH });
    const clashes = t('block.clashesWith', { codes: CODES });
    return {
      type: Object.fromEntries(WORK_ORDER_TYPES.map((type) => [type, t(`common:workOrderType.${type}`)])) as Record<WorkOrderType, string>,
      status: Object.fromEntries(WORK_ORDER_STATUSES.map((status) => [status, t(`common:workOrderStatus.${status}`)])) as Record<WorkOrderStatus, string>,
      when: (time, length) => when.replace(TIME, time).replace(LENGTH, length),
      clashesWith: (codes) => clashes.replace(CODES, codes),
      withoutCustomer: t('block.withoutCustomer'),
    };
  }, [t, i18n.language]);
}

/** The drag payload's type: an OT id (the board looks the OT up on drop). */
export const DRAG_TYPE = 'application/x-emerald-work-order';
/** Where the pointer held the block (px from its left edge): on the hour track the block's start lands there, not the pointer. */
export const GRAB_OFFSET_TYPE = 'application/x-emerald-grab-offset';

export function startDrag(event: DragEvent, id: string): void {
  event.dataTransfer.setData(DRAG_TYPE, id);
  const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
  event.dataTransfer.setData(GRAB_OFFSET_TYPE, String(Math.max(0, event.clientX - box.left)));
  event.dataTransfer.setData('text/plain', id);
  event.dataTransfer.effectAllowed = 'move';
}

interface Props {
  wo: BoardItem;
  /** Codes of the visits this one overlaps. */
  clashesWith: string[] | undefined;
  /** The day view places the block on the hour track; the week view lists it in its day. */
  style?: CSSProperties;
  tabbable: boolean;
  onOpen: (wo: BoardItem) => void;
  words: BlockWords;
}

export const BoardBlock = memo(function BoardBlock({ wo, clashesWith, style, tabbable, onOpen, words }: Props) {
  const movable = wo.status === 'scheduled';
  const length = formatDuration(wo.estimatedMinutes * 60);
  const startTime = formatTime(wo.start);
  const time = `${startTime}–${formatTime(wo.end)}`;
  const who = wo.who;
  const label = [
    wo.code,
    wo.withoutCustomer ? `${words.withoutCustomer}: ${who}` : who,
    words.type[wo.otType],
    words.when(time, length),
    words.status[wo.status],
    clashesWith?.length ? words.clashesWith(clashesWith.join(', ')) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <button
      type="button"
      className={`board-block board-block-${wo.status}${clashesWith?.length ? ' board-block-clash' : ''}`}
      style={style}
      tabIndex={tabbable ? 0 : -1}
      draggable={movable}
      data-work-order={wo.id}
      aria-label={label}
      aria-describedby="board-block-help"
      title={label}
      onDragStart={(e) => startDrag(e, wo.id)}
      onClick={() => onOpen(wo)}
    >
      <span className="board-block-head">
        <span className="board-block-time mono">{startTime}</span>
        {/* Before the length: a length too long for the box goes to the head's hidden line, the warning must not. */}
        {clashesWith?.length ? <AlertTriangle size={12} aria-hidden="true" className="board-block-warn" /> : null}
        <span className="board-block-length">{formatNarrowDuration(wo.estimatedMinutes * 60)}</span>
      </span>
      <span className="board-block-title">
        {wo.withoutCustomer && <span className="board-without-customer">{`${words.withoutCustomer} · `}</span>}
        {who}
      </span>
      {/* The town first: in a week's narrow column the code is cut ("OT-2026-…") and the town never showed. */}
      <span className="board-block-meta">
        {wo.town ? `${wo.town} · ` : ''}
        <span className="mono">{wo.code}</span>
      </span>
    </button>
  );
});
