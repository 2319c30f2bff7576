// The board itself: an ARIA grid, technicians as rows and days (week) or hours (day) as columns. A cell takes drops;
// arrow keys move between cells (one tab stop for the whole grid), Tab reaches the visits in the current cell.
// Only the rows in sight are drawn (50 technicians hold ~2,500 visits a busy week): the row holding the grid's tab
// stop is always drawn too, so Tab and the arrow keys always have somewhere to go; rows carry aria-rowindex.
import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardTechnician, DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import i18n from '../../i18n';
import { BoardBlock, DRAG_TYPE, GRAB_OFFSET_TYPE, useBlockWords } from './BoardBlock';
import { localDateOf, type LocalDate } from '../../../../electron/contract/zonedTime';
import { busiestDay, cellItems, type BoardIndex, type BoardItem } from './boardItems';
import { dayHeader, dayWords } from './boardLabels';
import {
  DAY_END_HOUR,
  DAY_START_HOUR,
  dayHours,
  dayRowPx,
  LANE_PX,
  WEEK_BLOCK_PX,
  weekRowPx,
  dayRangeFor,
  itemsOnTrack,
  technicianRowPx,
  rowStanding,
  laneOf,
  timeAtFraction,
  trackPlacement,
  wallTimeOf,
  type BoardMode,
  type DayRange,
} from './boardLayout';

/** A company-calendar day as words in the UI's language. */
export function dayLabel(day: LocalDate, style: Intl.DateTimeFormatOptions): string {
  return dayWords(day, i18n.language, style);
}

/**
 * The hour cell a visit belongs to in the day view (for focus and screen readers): the hour it starts in, the first
 * hour if it started earlier, the last if later. It is drawn across the track from its start for its length.
 */
function hourCellOf(zone: string, day: LocalDate, wo: BoardItem, range: DayRange): number {
  if (localDateOf(zone, wo.start) !== day) return range.start;
  return Math.min(Math.max(Number(wallTimeOf(zone, wo.start).slice(0, 2)), range.start), range.end - 1);
}

/**
 * A row's header: the technician's name; someone who may no longer be given visits (on the board only while holding
 * some: deactivated, or their role lost the permission) says so, with what to do about it.
 */
function RowHead({ tech }: { tech: BoardTechnician }) {
  const { t } = useTranslation('dispatch');
  const standing = rowStanding(tech);
  return (
    <div role="rowheader" className="board-rowhead">
      <span className="board-rowhead-name" title={tech.fullName}>
        {tech.fullName}
      </span>
      {standing && (
        <span className="board-rowhead-deactivated" title={t(`grid.${standing}Hint`)}>
          <span>{t(`grid.${standing}`)}</span>
          <span>{t('grid.reassign')}</span>
        </span>
      )}
    </div>
  );
}

/** Hours outside 07:00–20:00, shown only when a visit falls there, are shaded as off hours. */
const offHours = (hour: number) => hour < DAY_START_HOUR || hour >= DAY_END_HOUR;

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** --board-week-block (dispatch.css), read before the rows are drawn. */
function weekBlockPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--board-week-block')) || WEEK_BLOCK_PX;
}

/**
 * A drawn row's size for the virtualizer: what the ResizeObserver saw once the page was laid out, else the size it
 * already holds. The default read offsetHeight as each row was attached, laying out the whole page inside React's
 * commit (~35 ms on a fresh open of a busy week) before the browser laid it out again to paint.
 */
function observedSize(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

interface Props {
  board: DispatchBoardDto;
  /** The board's blocks grouped once per reply (boardItems.ts). */
  index: BoardIndex;
  /** The box that scrolls the grid (its rows are drawn as they come into sight). */
  scrollRef: RefObject<HTMLElement | null>;
  mode: BoardMode;
  days: LocalDate[];
  today: LocalDate;
  zone: string;
  /** A drop: OT `id` to `technicianId` at `at` (ISO), or at the OT's own time of day on `day` when `at` is null. */
  onDrop: (id: string, technicianId: string, day: LocalDate, time: string | null) => void;
  onOpen: (wo: BoardItem) => void;
  /** After a keyboard move: the OT whose block takes the focus once it is drawn (its cell becomes the grid's tab stop). */
  focusRequest?: { id: string } | null;
  onFocused?: () => void;
  /** A cell took the focus (the keyboard's place on the board): a queue item planned next starts out there. */
  onCellFocus?: (cell: { technicianId: string; day: LocalDate }) => void;
}

export function BoardGrid({ board, index, scrollRef, mode, days, today, zone, onDrop, onOpen, focusRequest, onFocused, onCellFocus }: Props) {
  const { t } = useTranslation('dispatch');
  const words = useBlockWords();
  const [chosen, setActive] = useState({ row: 0, col: 0 });
  const [over, setOver] = useState<string | null>(null);
  const clashes = index.clashes;
  const day = days[0] as LocalDate;
  // Every visit of the day is on the track: the hours widen to take in one before 07:00 or after 20:00.
  const range = useMemo(() => (mode === 'day' ? dayRangeFor(index.items, zone, day) : { start: DAY_START_HOUR, end: DAY_END_HOUR }), [index, zone, day, mode]);
  const hours = dayHours(range);
  const columns = mode === 'week' ? days.length : hours.length;
  const rows = board.technicians.length;
  // The grid keeps its one tab stop when rows or columns go away (a view change, a technician deactivated).
  const active = { row: Math.min(chosen.row, Math.max(rows - 1, 0)), col: Math.min(chosen.col, columns - 1) };
  /** A cell to focus once its row is drawn (an arrow key to a row out of sight). */
  const pendingFocus = useRef<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  // Each row's lanes on the day track (they set its height); the week's rows grow with their busiest day.
  const dayRows = useMemo(
    () => (mode === 'day' ? board.technicians.map((tech) => {
      const items = itemsOnTrack(index.byTechnician.get(tech.id) ?? [], zone, tech.id, day, range);
      return { items, ...laneOf(items) };
    }) : []),
    [mode, board, index, zone, day, range],
  );
  // Read again when the window's width crosses the narrow layout's (the blocks' height changes with it).
  const [blockPx, setBlockPx] = useState(weekBlockPx);
  useEffect(() => {
    const reread = () => setBlockPx(weekBlockPx());
    window.addEventListener('resize', reread);
    return () => window.removeEventListener('resize', reread);
  }, []);
  // Each row's height as it will be drawn (not a guess): the rows are placed once, before the page is laid out.
  const estimateSize = useCallback(
    (row: number) => {
      const tech = board.technicians[row];
      const px = mode === 'day' ? dayRowPx(dayRows[row]?.count ?? 1) : weekRowPx(tech ? busiestDay(index, tech.id) : 0, blockPx);
      return technicianRowPx(px, tech ? rowStanding(tech) !== null : false);
    },
    [mode, dayRows, board, index, blockPx],
  );
  const rangeExtractor = useCallback(
    (visible: Range) => {
      const drawn = defaultRangeExtractor(visible);
      return drawn.includes(active.row) || active.row >= rows ? drawn : [...drawn, active.row].sort((a, b) => a - b);
    },
    [active.row, rows],
  );
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    rangeExtractor,
    overscan: 1,
    // Until the scrolling box is measured: it is no taller than the window (the first rows are drawn in the first pass).
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    // The rows start below the clash line and the column headers inside the scrolling box.
    scrollMargin: bodyRef.current?.offsetTop ?? 0,
    getItemKey: (row) => board.technicians[row]?.id ?? row,
    measureElement: observedSize,
  });
  // A new reply or view: the sizes change with it (not at mount: the rows were just placed on them). The rows drawn
  // are then read again as they now are, before paint: the ResizeObserver reports only rows whose drawn size changed,
  // so a row as tall in both views would keep a size its contents no longer give (it overlapped the next one once).
  const measuredWith = useRef(estimateSize);
  useLayoutEffect(() => {
    if (measuredWith.current === estimateSize) return;
    measuredWith.current = estimateSize;
    virtualizer.measure();
    // Placed on the new sizes first: a row is read against its new size (against a size of the view before, a row as
    // tall in both kept the old one).
    virtualizer.getVirtualItems();
    for (const row of bodyRef.current?.querySelectorAll<HTMLElement>(':scope > [data-index]') ?? []) {
      virtualizer.resizeItem(virtualizer.indexFromElement(row), row.getBoundingClientRect().height);
    }
  }, [estimateSize]);

  function focusCell(row: number, col: number) {
    const next = { row: Math.min(Math.max(row, 0), rows - 1), col: Math.min(Math.max(col, 0), columns - 1) };
    setActive(next);
    const key = `${next.row}:${next.col}`;
    const cell = document.querySelector<HTMLElement>(`[data-board-cell="${key}"]`);
    if (cell) cell.focus();
    else {
      // Out of sight: bring the row in, focus its cell once drawn (the effect below).
      pendingFocus.current = key;
      virtualizer.scrollToIndex(next.row, { align: 'auto' });
    }
  }

  useEffect(() => {
    if (!pendingFocus.current) return;
    const cell = document.querySelector<HTMLElement>(`[data-board-cell="${pendingFocus.current}"]`);
    if (cell) {
      pendingFocus.current = null;
      cell.focus();
    }
  });

  useEffect(() => {
    if (!focusRequest) return;
    const block = document.querySelector<HTMLElement>(`.board-grid [data-work-order="${CSS.escape(focusRequest.id)}"]`);
    const cell = block?.closest<HTMLElement>('[data-board-cell]');
    const [row, col] = (cell?.dataset.boardCell ?? '').split(':').map(Number);
    if (block && row !== undefined && col !== undefined) {
      setActive({ row, col });
      block.focus();
      onFocused?.();
      return;
    }
    // Its row is out of sight: make it the tab stop's row (always drawn) and look again once drawn.
    const item = index.byId.get(focusRequest.id);
    const itemRow = item ? board.technicians.findIndex((tech) => tech.id === item.technicianId) : -1;
    if (itemRow >= 0 && itemRow !== active.row) {
      setActive({ row: itemRow, col: mode === 'week' ? Math.max(days.indexOf(item?.day as LocalDate), 0) : 0 });
      virtualizer.scrollToIndex(itemRow, { align: 'auto' });
    } else onFocused?.();
  }, [focusRequest, board, active.row]);

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusCell(active.row + move[0], active.col + move[1]);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusCell(event.ctrlKey ? 0 : active.row, 0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusCell(event.ctrlKey ? rows - 1 : active.row, columns - 1);
    }
  }

  const dropProps = (key: string, drop: (event: DragEvent, id: string) => void) => ({
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (over !== key) setOver(key);
    },
    onDragLeave: () => setOver((current) => (current === key ? null : current)),
    onDrop: (event: DragEvent) => {
      const id = event.dataTransfer.getData(DRAG_TYPE);
      setOver(null);
      if (!id) return;
      event.preventDefault();
      drop(event, id);
    },
  });

  const cellProps = (row: number, col: number, label: string) => ({
    role: 'gridcell',
    'data-board-cell': `${row}:${col}`,
    tabIndex: active.row === row && active.col === col ? 0 : -1,
    'aria-label': label,
    onFocus: (event: { target: EventTarget; currentTarget: EventTarget }) => {
      if (event.target !== event.currentTarget) return;
      setActive({ row, col });
      const technician = board.technicians[row];
      if (technician) onCellFocus?.({ technicianId: technician.id, day: (mode === 'week' ? days[col] : days[0]) as LocalDate });
    },
  });

  return (
    <div
      role="grid"
      aria-label={t('grid.label', { count: rows })}
      aria-rowcount={rows + 1}
      aria-colcount={columns + 1}
      className={`board-grid board-grid-${mode}`}
      style={{ '--board-columns': columns } as React.CSSProperties}
      onKeyDown={onKeyDown}
    >
      <div role="row" className="board-row board-head">
        <div role="columnheader" className="board-corner">
          {t('grid.technician')}
        </div>
        <div role="none" className="board-track board-head-track">
          {mode === 'week'
            ? days.map((d) => (
                <div key={d} role="columnheader" className={`board-colhead${d === today ? ' board-today' : ''}`}>
                  {dayHeader(d, i18n.language)}
                </div>
              ))
            : hours.map((h) => (
                <div key={h} role="columnheader" className={`board-colhead board-hourhead${offHours(h) ? ' board-offhours' : ''}`}>
                  {hourText(h)}
                </div>
              ))}
        </div>
      </div>
      <div ref={bodyRef} role="rowgroup" className="board-body-rows" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((virtualRow) => {
        const row = virtualRow.index;
        const tech = board.technicians[row];
        if (!tech) return null;
        const placed = {
          'data-index': row,
          ref: virtualizer.measureElement,
          role: 'row',
          'aria-rowindex': row + 2,
        };
        const at = virtualRow.start - virtualizer.options.scrollMargin;
        const standing = rowStanding(tech);
        const rowClass = `board-row${standing ? ' board-row-deactivated' : ''}`;
        // A cell's label names someone who may no longer be given visits as such (a drop there is refused).
        const who = standing ? t(`grid.${standing}Name`, { name: tech.fullName }) : tech.fullName;
        if (mode === 'week') {
          return (
            <div key={tech.id} {...placed} className={rowClass} style={{ transform: `translateY(${at}px)` }}>
              <RowHead tech={tech} />
              <div role="none" className="board-track">
                {days.map((d, col) => {
                  const items = cellItems(index, tech.id, d);
                  const key = `${tech.id}:${d}`;
                  const cellActive = active.row === row && active.col === col;
                  return (
                    <div
                      key={d}
                      {...cellProps(row, col, t('grid.cell', { technician: who, day: dayLabel(d, { weekday: 'long', day: 'numeric', month: 'long' }), count: items.length }))}
                      className={`board-cell${d === today ? ' board-today' : ''}${over === key ? ' board-drop' : ''}`}
                      {...dropProps(key, (_event, id) => onDrop(id, tech.id, d, null))}
                    >
                      {items.map((wo) => (
                        <BoardBlock key={wo.id} wo={wo} clashesWith={clashes.get(wo.id)} tabbable={cellActive} onOpen={onOpen} words={words} />
                      ))}
                    </div>
                  );
                })}
              </div>
            </div>
          );
        }
        const { items, lanes, count } = dayRows[row] ?? { items: [], lanes: new Map<string, number>(), count: 1 };
        const key = `${tech.id}:track`;
        return (
          <div key={tech.id} {...placed} className={rowClass} style={{ minHeight: technicianRowPx(dayRowPx(count), standing !== null), transform: `translateY(${at}px)` }}>
            <RowHead tech={tech} />
            <div
              role="none"
              className={`board-track board-hours${over === key ? ' board-drop' : ''}`}
              {...dropProps(key, (event, id) => {
                const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
                // A block lands where its left edge is, not where the pointer held it (queue items start at the pointer).
                const grab = index.byId.has(id) ? Number(event.dataTransfer.getData(GRAB_OFFSET_TYPE)) || 0 : 0;
                onDrop(id, tech.id, day, timeAtFraction((event.clientX - grab - rect.left) / rect.width, range));
              })}
            >
              {hours.map((h, col) => {
                const inHour = items.filter((wo) => hourCellOf(zone, day, wo, range) === h);
                const cellActive = active.row === row && active.col === col;
                return (
                  <div
                    key={h}
                    {...cellProps(row, col, t('grid.hourCell', { technician: who, hour: hourText(h), count: inHour.length }))}
                    className={`board-cell board-hour${offHours(h) ? ' board-offhours' : ''}`}
                  >
                    {inHour.map((wo) => {
                      const place = trackPlacement(zone, day, wo, range);
                      if (!place) return null;
                      const style = { left: `${place.left * 100}%`, width: `${place.width * 100}%`, top: 4 + (lanes.get(wo.id) ?? 0) * LANE_PX };
                      return <BoardBlock key={wo.id} wo={wo} clashesWith={clashes.get(wo.id)} style={style} tabbable={cellActive} onOpen={onOpen} words={words} />;
                    })}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
      </div>
    </div>
  );
}
