// The board itself: an ARIA grid, technicians as rows and days (week) or hours (day) as columns. A cell takes drops;
// arrow keys move between cells (one tab stop for the whole grid), Tab reaches the visits in the current cell.
import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWorkOrder, DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import i18n from '../../i18n';
import { BoardBlock, DRAG_TYPE, GRAB_OFFSET_TYPE } from './BoardBlock';
import { localDateOf, type LocalDate } from '../../../../electron/contract/zonedTime';
import { dayHeader, dayWords } from './boardLabels';
import {
  clashesById,
  DAY_END_HOUR,
  DAY_START_HOUR,
  dayHours,
  dayRangeFor,
  itemsOfCell,
  itemsOnTrack,
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
function hourCellOf(zone: string, day: LocalDate, wo: BoardWorkOrder, range: DayRange): number {
  if (localDateOf(zone, wo.start) !== day) return range.start;
  return Math.min(Math.max(Number(wallTimeOf(zone, wo.start).slice(0, 2)), range.start), range.end - 1);
}

/** Hours outside 07:00–20:00, shown only when a visit falls there, are shaded as off hours. */
const offHours = (hour: number) => hour < DAY_START_HOUR || hour >= DAY_END_HOUR;

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
const LANE_PX = 46;

interface Props {
  board: DispatchBoardDto;
  mode: BoardMode;
  days: LocalDate[];
  today: LocalDate;
  zone: string;
  /** A drop: OT `id` to `technicianId` at `at` (ISO), or at the OT's own time of day on `day` when `at` is null. */
  onDrop: (id: string, technicianId: string, day: LocalDate, time: string | null) => void;
  onOpen: (wo: BoardWorkOrder) => void;
  /** After a keyboard move: the OT whose block takes the focus once it is drawn (its cell becomes the grid's tab stop). */
  focusRequest?: { id: string } | null;
  onFocused?: () => void;
}

export function BoardGrid({ board, mode, days, today, zone, onDrop, onOpen, focusRequest, onFocused }: Props) {
  const { t } = useTranslation('dispatch');
  const [chosen, setActive] = useState({ row: 0, col: 0 });
  const [over, setOver] = useState<string | null>(null);
  const clashes = clashesById(board.clashes, board.workOrders);
  const day = days[0] as LocalDate;
  // Every visit of the day is on the track: the hours widen to take in one before 07:00 or after 20:00.
  const range = dayRangeFor(board.workOrders, zone, day);
  const hours = dayHours(range);
  const columns = mode === 'week' ? days.length : hours.length;
  const rows = board.technicians.length;
  // The grid keeps its one tab stop when rows or columns go away (a view change, a technician deactivated).
  const active = { row: Math.min(chosen.row, Math.max(rows - 1, 0)), col: Math.min(chosen.col, columns - 1) };

  function focusCell(row: number, col: number) {
    const next = { row: Math.min(Math.max(row, 0), rows - 1), col: Math.min(Math.max(col, 0), columns - 1) };
    setActive(next);
    document.querySelector<HTMLElement>(`[data-board-cell="${next.row}:${next.col}"]`)?.focus();
  }

  useEffect(() => {
    if (!focusRequest) return;
    const block = document.querySelector<HTMLElement>(`.board-grid [data-work-order="${CSS.escape(focusRequest.id)}"]`);
    const cell = block?.closest<HTMLElement>('[data-board-cell]');
    const [row, col] = (cell?.dataset.boardCell ?? '').split(':').map(Number);
    if (block && row !== undefined && col !== undefined) {
      setActive({ row, col });
      block.focus();
    }
    onFocused?.();
  }, [focusRequest, board]);

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
      if (event.target === event.currentTarget) setActive({ row, col });
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
      {board.technicians.map((tech, row) => {
        if (mode === 'week') {
          return (
            <div key={tech.id} role="row" className="board-row">
              <div role="rowheader" className="board-rowhead">
                {tech.fullName}
              </div>
              <div role="none" className="board-track">
                {days.map((d, col) => {
                  const items = itemsOfCell(board.workOrders, zone, tech.id, d);
                  const key = `${tech.id}:${d}`;
                  const cellActive = active.row === row && active.col === col;
                  return (
                    <div
                      key={d}
                      {...cellProps(row, col, t('grid.cell', { technician: tech.fullName, day: dayLabel(d, { weekday: 'long', day: 'numeric', month: 'long' }), count: items.length }))}
                      className={`board-cell${d === today ? ' board-today' : ''}${over === key ? ' board-drop' : ''}`}
                      {...dropProps(key, (_event, id) => onDrop(id, tech.id, d, null))}
                    >
                      {items.map((wo) => (
                        <BoardBlock key={wo.id} wo={wo} clashesWith={clashes.get(wo.id)} tabbable={cellActive} onOpen={onOpen} />
                      ))}
                    </div>
                  );
                })}
              </div>
            </div>
          );
        }
        const items = itemsOnTrack(board.workOrders, zone, tech.id, day, range);
        const { lanes, count } = laneOf(items);
        const key = `${tech.id}:track`;
        return (
          <div key={tech.id} role="row" className="board-row" style={{ minHeight: count * LANE_PX + 8 }}>
            <div role="rowheader" className="board-rowhead">
              {tech.fullName}
            </div>
            <div
              role="none"
              className={`board-track board-hours${over === key ? ' board-drop' : ''}`}
              {...dropProps(key, (event, id) => {
                const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
                // A block lands where its left edge is, not where the pointer held it (queue items start at the pointer).
                const grab = board.workOrders.some((wo) => wo.id === id) ? Number(event.dataTransfer.getData(GRAB_OFFSET_TYPE)) || 0 : 0;
                onDrop(id, tech.id, day, timeAtFraction((event.clientX - grab - rect.left) / rect.width, range));
              })}
            >
              {hours.map((h, col) => {
                const inHour = items.filter((wo) => hourCellOf(zone, day, wo, range) === h);
                const cellActive = active.row === row && active.col === col;
                return (
                  <div
                    key={h}
                    {...cellProps(row, col, t('grid.hourCell', { technician: tech.fullName, hour: hourText(h), count: inHour.length }))}
                    className={`board-cell board-hour${offHours(h) ? ' board-offhours' : ''}`}
                  >
                    {inHour.map((wo) => {
                      const place = trackPlacement(zone, day, wo, range);
                      if (!place) return null;
                      const style = { left: `${place.left * 100}%`, width: `${place.width * 100}%`, top: 4 + (lanes.get(wo.id) ?? 0) * LANE_PX };
                      return <BoardBlock key={wo.id} wo={wo} clashesWith={clashes.get(wo.id)} style={style} tabbable={cellActive} onOpen={onOpen} />;
                    })}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
