// Tickets: list on the left (tabs, filters, search, virtualized rows), the open ticket on the right (#/tickets/<id>).
import { Plus } from 'lucide-react';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainEvent } from '../../../../electron/contract';
import { useDomainEvents } from '../../lib/live';
import { navigate } from '../../lib/router';
import { unsavedFormIn } from '../../lib/unsavedForms';
import { useCan } from '../../stores/session';
import { EARLY_ROWS_REUSE_MS } from './earlyRows';
import { useLookups } from './lookups';
import { detailPane, loadedDetailStore, newTicketForm, useLaterParts, withDetailStore } from './laterParts';
import { useTicketList } from './store';
import { FilterBar, SearchBox, StatusTabs } from './TicketFilters';
import { TicketList, ticketListElement } from './TicketList';
import { useTicketKeyboard } from './useTicketKeyboard';
import './tickets.css';

/** Several events often arrive together (closing a ticket completes its OTs): refetch once for the burst. */
const LIVE_COALESCE_MS = 150;
const LOOKUP_ENTITIES = new Set<DomainEvent['entity']>(['category', 'customer', 'user']);
const TicketDetailPane = detailPane.Screen;
const NewTicketModal = newTicketForm.Screen;

export default function TicketsScreen({ ticketId }: { ticketId?: string | undefined }) {
  const { t } = useTranslation('tickets');
  const canWrite = useCan('tickets:write');
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useTicketList();
  const loadLookups = useLookups((s) => s.load);

  useEffect(() => {
    // On a fresh open the rows were asked for at start (earlyRows.ts): take them rather than ask again.
    void useTicketList.getState().reload({ unlessWithinMs: EARLY_ROWS_REUSE_MS });
    loadLookups().catch(() => undefined);
  }, [loadLookups]);

  // The row of the opened ticket becomes the selection once it is in the list (it may arrive with a later page).
  const selectOpened = useRef<string | null>(null);
  const items = list.items;
  useEffect(() => {
    selectOpened.current = ticketId ?? null;
    // No ticket asked for and the pane's code not loaded yet: nothing is open to close (laterParts.tsx).
    if (ticketId === undefined && !loadedDetailStore()) return;
    withDetailStore((detail) => void detail.getState().open(ticketId ?? null));
  }, [ticketId]);
  useEffect(() => {
    const id = selectOpened.current;
    const index = id ? items.findIndex((item) => item.id === id) : -1;
    if (index < 0) return;
    useTicketList.getState().select(index);
    // Rows kept from an earlier visit while fresh ones load: the answer may come in another order and keeps the
    // selection's place, not its ticket, so the opened one is selected again once the rows have come.
    if (!useTicketList.getState().loading) selectOpened.current = null;
  }, [items, ticketId]);

  const pending = useRef<{ timer: number | null; list: boolean; ticket: boolean; lookups: boolean }>({ timer: null, list: false, ticket: false, lookups: false });
  useDomainEvents(
    (event) => event.entity === 'ticket' || event.entity === 'workOrder' || LOOKUP_ENTITIES.has(event.entity),
    (event) => {
      const p = pending.current;
      const openId = loadedDetailStore()?.getState().id;
      if (event.entity === 'ticket' || event.entity === 'workOrder') p.list = true;
      if (openId && (event.id === openId || event.ticketId === openId)) p.ticket = true;
      if (LOOKUP_ENTITIES.has(event.entity)) p.lookups = true;
      if (p.timer !== null) return;
      p.timer = window.setTimeout(() => {
        if (p.list) void useTicketList.getState().reload({ live: true });
        if (p.ticket) void loadedDetailStore()?.getState().refresh();
        if (p.lookups) loadLookups().catch(() => undefined);
        pending.current = { timer: null, list: false, ticket: false, lookups: false };
      }, LIVE_COALESCE_MS);
    },
  );
  // Leaving the screen (or signing out) drops a pending refresh instead of running it for nobody.
  useEffect(
    () => () => {
      if (pending.current.timer !== null) window.clearTimeout(pending.current.timer);
      pending.current = { timer: null, list: false, ticket: false, lookups: false };
    },
    [],
  );

  // The open ticket's pane and the new-ticket form load after the first rows are painted (laterParts.tsx).
  const laterParts = useLaterParts({ listShown: !list.loading, needed: ticketId !== undefined || creating });

  const open = useCallback((id: string) => navigate({ name: 'tickets', id }), []);
  // Back to the list, whose active row is the selected ticket: j/k and Enter go on from there.
  const closeDetail = useCallback(() => {
    navigate({ name: 'tickets' });
    ticketListElement()?.focus();
  }, []);
  // Enter opens a ticket to read or work on it: its title takes the focus once it shows (its pane may still be loading).
  const [titleFocusFor, setTitleFocusFor] = useState<string | null>(null);
  const titleFocused = useCallback(() => setTitleFocusFor(null), []);
  // Another ticket opened, or none, before that one showed (it failed to load): its title no longer waits for the
  // focus. Only on a change of ticket: Enter asks for the title before the route has followed.
  const shownTicket = useRef(ticketId);
  useEffect(() => {
    if (shownTicket.current === ticketId) return;
    shownTicket.current = ticketId;
    if (titleFocusFor !== null && ticketId !== titleFocusFor) setTitleFocusFor(null);
  }, [ticketId, titleFocusFor]);

  const openToRead = (id: string) => {
    open(id);
    setTitleFocusFor(id);
  };

  useTicketKeyboard({
    move: (delta) => {
      list.move(delta);
      // j/k pressed with the focus elsewhere (the sidebar link just clicked, the page): the list takes it, so Enter
      // opens the ticket highlighted instead of following that link. Reading a ticket, the focus stays in it.
      const focused = document.activeElement;
      if (!focused?.closest('.ticket-detail, .ticket-list')) ticketListElement()?.focus();
    },
    openSelected: () => {
      const selected = useTicketList.getState().items[useTicketList.getState().selectedIndex];
      if (selected) openToRead(selected.id);
    },
    newTicket: () => {
      if (canWrite) setCreating(true);
    },
    focusSearch: () => searchRef.current?.focus(),
    escape: () => {
      if (!ticketId) return;
      // A half-filled inline form (a note, a reading) keeps the ticket open: the focus goes back to it instead.
      const unsaved = unsavedFormIn('.tickets-detail-pane');
      if (unsaved) unsaved.querySelector<HTMLElement>('input:not([type="radio"]):not([readonly]), textarea, select')?.focus();
      else closeDetail();
    },
  });

  return (
    <div className="page tickets-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <SearchBox ref={searchRef} onOpenFound={openToRead} />
        <span className="spacer" />
        {canWrite && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} aria-keyshortcuts="Control+N">
            <Plus size={14} aria-hidden="true" />
            {t('new')}
            <span className="kbd kbd-on-primary" aria-hidden="true">
              Ctrl N
            </span>
          </button>
        )}
      </header>
      <div className="split tickets-split">
        <section className="tickets-list-pane" aria-label={t('list.label')}>
          <StatusTabs />
          <FilterBar />
          <TicketList openId={ticketId} onOpen={open} />
          <div className="tickets-hint muted" aria-hidden="true">
            {t(canWrite ? 'list.keyboardHint' : 'list.keyboardHintReadOnly')}
          </div>
        </section>
        <section className="tickets-detail-pane" aria-label={t('detail.label')}>
          {laterParts ? (
            <Suspense fallback={<div className="empty" />}>
              <TicketDetailPane onClose={closeDetail} focusTitleOf={titleFocusFor} onTitleFocused={titleFocused} />
            </Suspense>
          ) : (
            <div className="empty" />
          )}
        </section>
      </div>
      {laterParts && (
        <Suspense fallback={null}>
          <NewTicketModal
            open={creating}
            onClose={() => setCreating(false)}
            // The new ticket opens with its title focused, as one opened from the list (not <body>, the form being gone).
            onCreated={(id) => {
              open(id);
              setTitleFocusFor(id);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
