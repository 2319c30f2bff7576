// The virtualized ticket list: only the visible rows are in the DOM; the next keyset page loads near the end.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityBadge, TicketStatusBadge } from '../../components/Badge';
import { MatchedFormerCode } from '../../components/FormerCodes';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { SlaChip } from './SlaDue';
import { useTicketList } from './store';

const ROW_HEIGHT = 58;
/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 20;

/** The list's element, where j/k, Escape and the search box's ↓ put the focus; null while none is drawn (nothing found). */
export const ticketListElement = (): HTMLElement | null => document.querySelector<HTMLElement>('.tickets-list-pane .ticket-list');

export function TicketList({ openId, onOpen }: { openId: string | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation('tickets');
  const { items, nextCursor, loading, loadingMore, error, selectedIndex, select, loadMore, filters, counts, tab, setTab } = useTicketList();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (nextCursor && lastVisible >= items.length - PREFETCH_ROWS) void loadMore();
  }, [lastVisible, items.length, nextCursor, loadMore]);

  // Follow the selection when it moves (keyboard, reload), not when a page is appended: that would pull a
  // mouse-scrolling user back to the selected row every time the next page arrives.
  const hasItems = items.length > 0;
  useEffect(() => {
    if (!hasItems) return;
    // The first row of a list at its top is already in view: scrolling to it measured the list several times over
    // (forced layouts), the largest cost between the rows' answer and their first paint on a fresh open.
    if (selectedIndex === 0 && (scrollRef.current?.scrollTop ?? 0) === 0) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, hasItems, virtualizer]);

  const selectedId = items[selectedIndex]?.id;
  const filtered = Object.values(filters).some((value) => value !== '');
  const total = counts ? Object.values(counts.counts).reduce((a, b) => a + b, 0) : 0;

  if (error && items.length === 0) {
    return (
      <div className="empty" role="alert">
        {errorMessage(t, error)}
      </div>
    );
  }
  if (loading && items.length === 0) return <div className="empty">{t('common:state.loading')}</div>;
  if (items.length === 0) {
    // A search or filter that matches tickets of other tabs (a closed ticket searched from Pendientes): said, one key
    // away, instead of a bare "no tickets".
    const elsewhere = filtered && tab !== 'all' ? total : 0;
    return (
      <div className="empty">
        {/* 'No tickets yet' only once the counts (which may come after the rows) say the desk is empty. */}
        <p>{filtered || counts === null || total > 0 ? t('list.empty') : t('list.emptyAll')}</p>
        {elsewhere > 0 && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setTab('all');
              // The button goes with the empty list: the keyboard goes on from the tab it chose, not from the page.
              document.querySelector<HTMLElement>('.tickets-list-pane [role="tab"][data-tab="all"]')?.focus();
            }}
          >
            {t('list.elsewhere', { count: elsewhere })}
          </button>
        )}
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className="ticket-list"
      role="listbox"
      aria-label={t('list.label')}
      aria-busy={loading || loadingMore}
      aria-activedescendant={selectedId ? `ticket-row-${selectedId}` : undefined}
      tabIndex={0}
    >
      <div className="ticket-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => {
          const ticket = items[row.index];
          if (!ticket) return null;
          return (
            <div
              key={ticket.id}
              id={`ticket-row-${ticket.id}`}
              role="option"
              aria-selected={row.index === selectedIndex}
              aria-setsize={nextCursor ? -1 : items.length}
              aria-posinset={row.index + 1}
              data-ticket-row
              data-index={row.index}
              data-ticket-id={ticket.id}
              data-code={ticket.code}
              className={`ticket-row${row.index === selectedIndex ? ' is-selected' : ''}${ticket.id === openId ? ' is-open' : ''}`}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                select(row.index);
                onOpen(ticket.id);
              }}
            >
              <div className="ticket-row-line">
                <span className="ticket-code mono">{ticket.code}</span>
                {ticket.matchedFormerCode && <MatchedFormerCode match={ticket.matchedFormerCode} />}
                <span className="ticket-title">{ticket.title}</span>
                <TicketStatusBadge status={ticket.status} />
              </div>
              <div className="ticket-row-line ticket-row-meta">
                <PriorityBadge priority={ticket.priority} />
                <span className="ticket-customer">{ticket.customer?.name ?? ''}</span>
                <span className="ticket-assignee">{ticket.assignedTo?.fullName ?? t('filters.unassigned')}</span>
                <SlaChip sla={ticket.sla} />
                <span className="ticket-updated" title={formatDateTime(ticket.updatedAt)}>
                  {formatRelative(ticket.updatedAt)}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      {loadingMore && <div className="ticket-list-more">{t('list.loadingMore')}</div>}
    </div>
  );
}
