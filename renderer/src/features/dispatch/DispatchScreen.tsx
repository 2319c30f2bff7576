// Dispatch board (#/dispatch): technicians by days or hours, the unplanned queue beside them. Drag a visit (or a queue
// item) onto a technician's day or hour, or focus it and press Enter for "Mover a…"; the scheduling rules' questions
// (double booking, a time already past) are asked before anything is written.
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedWorkOrderDto } from '../../../../electron/contract';
import type { DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import { localDateOf, type LocalDate } from '../../../../electron/contract/zonedTime';
import { ApiError } from '../../api/client';
import { formatDuration, formatTime } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { navigate } from '../../lib/router';
import { useCompanyZone } from '../../lib/timeZone';
import { useCan } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { workOrderError } from '../workOrders/actions';
import { todayIn } from '../workOrders/dates';
import { BoardGrid } from './BoardGrid';
import { indexBoard, type BoardItem } from './boardItems';
import { windowWords } from './boardLabels';
import { DEFAULT_START, instantAt, rowStanding, wallTimeOf } from './boardLayout';
import { WindowModeSwitch, WindowStepper } from '../../components/WindowNav';
import { useDispatchBoard, windowDays } from './boardStore';
import { ConfirmPlanDialog } from './ConfirmPlanDialog';
import { MoveDialog } from './MoveDialog';
import { QueuePanel } from './QueuePanel';
import { usePlanner, type Plannable } from './usePlanner';
import './dispatch.css';

export default function DispatchScreen() {
  const { t } = useTranslation();
  const canPlan = useCan('workorders:write');
  if (!canPlan) return <div className="empty">{t('errors.code.FORBIDDEN')}</div>;
  return <Board />;
}

function fromBoard(wo: BoardItem, t: TFunction): Plannable {
  const length = formatDuration(wo.estimatedMinutes * 60);
  return {
    id: wo.id,
    code: wo.code,
    version: wo.version,
    technicianId: wo.technicianId,
    start: wo.start,
    planned: true,
    label: `${wo.who} · ${t(`common:workOrderType.${wo.otType}`)} · ${formatTime(wo.start)} (${length})`,
  };
}

function fromQueue(wo: QueuedWorkOrderDto, t: TFunction): Plannable {
  return {
    id: wo.id,
    code: wo.code,
    version: wo.version,
    // A proposal made with the request (technician, date) is where the dialog starts.
    technicianId: wo.technician?.id ?? null,
    start: wo.scheduledDate,
    planned: false,
    label: `${wo.customer?.name ?? wo.ticketTitle} · ${t(`common:workOrderType.${wo.otType}`)}`,
  };
}

function Board() {
  const { t, i18n } = useTranslation('dispatch');
  const zone = useCompanyZone();
  const state = useDispatchBoard();
  const { mode, board, loading, error, queue, queueCursor, queueError, setMode, shift, today, load, loadQueue, loadMoreQueue } = state;
  // The service refuses a visit for someone who may not be given visits (not_a_technician); on their row the board
  // says why: deactivated, or their role lost the permission.
  const planner = usePlanner((error, target) => {
    const tech = useDispatchBoard.getState().board?.technicians.find((u) => u.id === target.technicianId);
    const standing = tech ? rowStanding(tech) : null;
    return tech && standing && error instanceof ApiError && error.reason === 'not_a_technician' ? t(`drop.${standing}`, { name: tech.fullName }) : null;
  });
  const [moving, setMoving] = useState<Plannable | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  /** The OT last moved with "Mover a…": a yes to its question (not a drag's) brings the focus back to it, a no reopens the dialog. */
  const keyboardMove = useRef<string | null>(null);
  // "Mover a…" cancelled: back on its visit once the dialog has closed (this effect runs after the dialog's own, whose
  // close hands the focus back to where it was when the dialog opened, which after a question is <body>).
  const closedMove = useRef<string | null>(null);
  useEffect(() => {
    if (moving || !closedMove.current) return;
    setFocusRequest({ id: closedMove.current });
    closedMove.current = null;
  }, [moving]);
  /** The board cell the keyboard was last on: a queue item planned next starts out on its technician and day. */
  const lastCell = useRef<{ technicianId: string; day: LocalDate } | null>(null);
  const scrollRef = useRef<HTMLElement>(null);
  // Grouped once per reply, not per cell and render.
  const index = useMemo(() => (board ? indexBoard(board, zone) : null), [board, zone]);
  // "Mover a…" offers those who may be given visits only: a marked row is there to move visits away from.
  const pickable = useMemo(() => board?.technicians.filter((u) => rowStanding(u) === null) ?? [], [board]);

  useEffect(() => {
    // On a fresh open the board was asked for at start (earlyBoard.ts): take it rather than ask again.
    void load({ reuse: true });
    void loadQueue();
  }, []);

  // Others' changes (a visit planned elsewhere, a technician added, new defaults) reload the board, a burst at once.
  const pending = useRef<number | null>(null);
  useDomainEvents(
    (e) => ['workOrder', 'ticket', 'user', 'role', 'customer', 'settings'].includes(e.entity),
    () => {
      if (pending.current !== null) return;
      pending.current = window.setTimeout(() => {
        pending.current = null;
        void useDispatchBoard.getState().load();
        void useDispatchBoard.getState().loadQueue();
      }, 150);
    },
  );
  useEffect(() => () => {
    if (pending.current !== null) window.clearTimeout(pending.current);
  }, []);

  const todayDate = todayIn(zone);
  const days = windowDays(state, zone);
  const first = days[0] as LocalDate;
  const range = windowWords(days, i18n.language);
  const technicianName = (id: string) => board?.technicians.find((u) => u.id === id)?.fullName ?? '';

  function find(id: string): Plannable | null {
    const onBoard = index?.byId.get(id);
    if (onBoard) return fromBoard(onBoard, t);
    const queued = queue.find((wo) => wo.id === id);
    return queued ? fromQueue(queued, t) : null;
  }

  // A planned visit can be moved; one under way or done opens its OT (there is nothing to reschedule).
  function openBlock(wo: BoardItem) {
    if (wo.status === 'scheduled') setMoving(fromBoard(wo, t));
    else navigate({ name: 'workOrders', id: wo.id });
  }

  // A keyboard move closes its dialog and redraws the block elsewhere: once the board shows the result, the focus goes
  // to the block (or stays on it where it was), not to <body>. A plan made to a day not on screen: the board follows
  // the visit there first (not for a plan left unmade, which may end in "Cancelar" with the visit where it was).
  function followKeyboardMove(id: string, made: boolean, scheduledDate: string) {
    if (made) useDispatchBoard.getState().showDay(localDateOf(zone, scheduledDate));
    void useDispatchBoard
      .getState()
      .load()
      .then(() => setFocusRequest({ id }));
  }

  function dropped(id: string, technicianId: string, day: LocalDate, time: string | null) {
    const item = find(id);
    if (!item) return;
    // A week cell keeps the visit's own time of day; an unplanned one starts at 09:00.
    const at = instantAt(zone, day, time ?? (item.start ? wallTimeOf(zone, item.start) : DEFAULT_START));
    if (!at) {
      toast.error(t('drop.noSuchTime'));
      return;
    }
    if (item.technicianId === technicianId && item.start === at) return;
    keyboardMove.current = null;
    void planner.plan(item, { technicianId, scheduledDate: at });
  }

  return (
    <div className="page">
      <header className="page-header board-header">
        <h1>{t('title')}</h1>
        <WindowStepper
          mode={mode}
          range={range}
          rangeClassName="board-range"
          shift={shift}
          today={today}
          words={{ previous: (m) => t(`nav.previous.${m}`), next: (m) => t(`nav.next.${m}`), today: t('nav.today') }}
        />
        <span className="spacer" />
        <WindowModeSwitch mode={mode} setMode={(next) => setMode(next, lastCell.current?.day)} label={t('nav.view')} modeLabel={(m) => t(`nav.mode.${m}`)} />
      </header>
      <div className="page-body board-body">
        <p id="board-block-help" className="muted board-help">
          {t('help')}
        </p>
        <div className="board-layout">
          <section ref={scrollRef} className="board-main" aria-busy={loading} aria-label={t('grid.region')}>
            {error ? (
              <div className="empty" role="alert">
                {workOrderError(t, error)}
              </div>
            ) : !board || !index ? (
              <div className="empty">{t('common:state.loading')}</div>
            ) : board.technicians.length === 0 ? (
              <div className="empty">{t('grid.noTechnicians')}</div>
            ) : (
              <>
                {board.clashes.length > 0 && (
                  <p className="board-clash-summary" role="status">
                    {t('grid.clashCount', { count: board.clashes.length })}
                  </p>
                )}
                <BoardGrid
                  board={board}
                  index={index}
                  scrollRef={scrollRef}
                  mode={mode}
                  days={days}
                  today={todayDate}
                  zone={zone}
                  onDrop={dropped}
                  onOpen={openBlock}
                  focusRequest={focusRequest}
                  onFocused={() => setFocusRequest(null)}
                  onCellFocus={(cell) => (lastCell.current = cell)}
                />
              </>
            )}
          </section>
          <QueuePanel items={queue} more={queueCursor !== null} error={queueError} onOpen={(wo) => setMoving(fromQueue(wo, t))} onMore={() => void loadMoreQueue()} />
        </div>
      </div>
      <MoveDialog
        item={moving}
        technicians={pickable}
        fallback={planFallback(board, days, lastCell.current, days.includes(todayDate) ? todayDate : first)}
        onClose={() => {
          closedMove.current = moving?.id ?? null;
          setMoving(null);
        }}
        onSubmit={(item, target) => {
          setMoving(null);
          keyboardMove.current = item.id;
          void planner.plan(item, target).then((made) => followKeyboardMove(item.id, made, target.scheduledDate));
        }}
      />
      <ConfirmPlanDialog
        question={planner.question}
        technicianName={technicianName}
        busy={planner.busy}
        onConfirm={() => {
          const question = planner.question;
          void planner.confirm().then((made) => {
            if (question && question.item.id === keyboardMove.current) followKeyboardMove(question.item.id, made, question.target.scheduledDate);
          });
        }}
        onClose={() => {
          const question = planner.question;
          planner.dismiss();
          // A plan made in "Mover a…" goes back to that dialog with what was chosen ("Si no, elige otra hora"); a drag is
          // simply not made. Not while the answer is on its way: the plan may still be made (a stale version then).
          if (question && !planner.busy && question.item.id === keyboardMove.current) {
            setMoving({ ...question.item, technicianId: question.target.technicianId, start: question.target.scheduledDate });
          }
        }}
      />
    </div>
  );
}

/**
 * Where a queue item's "Programar" starts out: the technician and day of the board cell the keyboard was last on, while
 * both are still on screen; else the first technician on the day on screen.
 */
function planFallback(board: DispatchBoardDto | null, days: readonly LocalDate[], lastCell: { technicianId: string; day: LocalDate } | null, day: LocalDate) {
  if (lastCell && days.includes(lastCell.day) && board?.technicians.some((tech) => tech.id === lastCell.technicianId)) return lastCell;
  return { technicianId: board?.technicians[0]?.id ?? '', day };
}
