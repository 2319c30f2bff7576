// The unplanned queue beside the board: most urgent first, then the oldest. Drag an item onto the board, or Enter for
// "Mover a…"; ↑/↓ walk the queue.
import { useTranslation } from 'react-i18next';
import type { QueuedWorkOrderDto } from '../../../../electron/contract';
import { PriorityBadge } from '../../components/Badge';
import { moveFocusAmong } from '../../lib/focus';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { workOrderError } from '../workOrders/actions';
import { startDrag } from './BoardBlock';

interface Props {
  items: QueuedWorkOrderDto[];
  more: boolean;
  error: unknown;
  onOpen: (wo: QueuedWorkOrderDto) => void;
  onMore: () => void;
}

export function QueuePanel({ items, more, error, onOpen, onMore }: Props) {
  const { t } = useTranslation('dispatch');
  return (
    <aside className="board-queue" aria-labelledby="board-queue-title">
      <h2 id="board-queue-title">
        {t('queue.title')} <span className="muted">({items.length}{more ? '+' : ''})</span>
      </h2>
      <p className="muted board-queue-hint">{t('queue.hint')}</p>
      {error ? (
        <p role="alert" className="field-error">
          {workOrderError(t, error)}
        </p>
      ) : items.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <ul
          className="board-queue-list"
          onKeyDown={(e) => {
            if (!e.altKey && !e.ctrlKey && moveFocusAmong(e.currentTarget, '.board-queue-item', e.key)) e.preventDefault();
          }}
        >
          {items.map((wo) => {
            const who = wo.customer?.name ?? wo.ticketTitle;
            // The date shown says what it is: a proposal the request carried (day, hour, technician), or when it was asked for.
            const when = wo.scheduledDate
              ? t('queue.proposed', { when: [formatDateTime(wo.scheduledDate), wo.technician?.fullName].filter(Boolean).join(' · ') })
              : t('queue.requestedOn', { date: formatDate(wo.createdAt) });
            const label = [
              wo.code,
              wo.customer ? who : `${t('block.withoutCustomer')}: ${who}`,
              wo.customerTown,
              t(`common:workOrderType.${wo.otType}`),
              t(`common:priority.${wo.priority}`),
              t('queue.requested', { when: formatRelative(wo.createdAt) }),
              wo.scheduledDate ? when : null,
            ]
              .filter(Boolean)
              .join(', ');
            return (
              <li key={wo.id}>
                <button
                  type="button"
                  className={`board-queue-item board-priority-${wo.priority}`}
                  draggable
                  data-work-order={wo.id}
                  aria-label={label}
                  aria-describedby="board-block-help"
                  onDragStart={(e) => startDrag(e, wo.id)}
                  onClick={() => onOpen(wo)}
                >
                  <span className="board-queue-head">
                    <span className="mono">{wo.code}</span>
                    <PriorityBadge priority={wo.priority} />
                  </span>
                  <span className="board-block-title">
                    {!wo.customer && <span className="board-without-customer">{`${t('block.withoutCustomer')} · `}</span>}
                    {who}
                  </span>
                  {/* The date is never cut ("26 dic 2…"): the type and town give way. */}
                  <span className="board-block-meta board-queue-meta">
                    <span className="board-queue-where">
                      {t(`common:workOrderType.${wo.otType}`)}
                      {wo.customerTown ? ` · ${wo.customerTown}` : ''}
                    </span>
                    <span className="board-queue-date">{` · ${when}`}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {more && (
        <button type="button" className="btn board-queue-more" onClick={onMore}>
          {t('queue.more')}
        </button>
      )}
    </aside>
  );
}
