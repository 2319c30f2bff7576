// The open ticket: load, silent refresh on live events, older timeline pages on demand, and every change (each carries
// `version`; CONFLICT reloads). What arrives merges into what is shown (timelineMerge.ts): older pages stay loaded.
import { sessionStore } from '../../stores/sessionStores';
import type { ChannelName, ContactChannel, FilePayload, InputOf, TicketDetail, TicketPriority, TicketStatus, TimelineAddition, WorkOrderType } from '../../../../electron/contract';
import type { CloseDecisionInput } from './closeDecisionDrafts';
import { isChannelName } from '../../../../electron/contract';
import { api, ApiError } from '../../api/client';
import { uiLanguage } from '../../lib/reportLanguage';
import { withAddition, withFreshDetail, withOlderPage } from './timelineMerge';

/** Ticket PDF export lands with the reports work; the button shows only once the contract has the channel. */
const TICKET_PDF_CHANNEL = 'reports.ticketPdf';
export const ticketPdfAvailable = isChannelName(TICKET_PDF_CHANNEL);

export interface TicketEdit {
  title: string;
  description: string;
  categoryId: string | null;
  customerId: string | null;
}

export interface VisitRequest {
  otType: WorkOrderType;
  scheduledDate?: string;
  technicianId?: string;
  estimatedMinutes?: number;
  /** The scheduling rules' answers (PlanFields): book over a clash, or a date that records a past visit. */
  confirmOverlap?: boolean;
  recordsPastVisit?: boolean;
}

interface TicketDetailState {
  id: string | null;
  ticket: TicketDetail | null;
  loading: boolean;
  error: unknown;
  busy: boolean;
  /** An older timeline page is on its way ("Ver anteriores"). */
  loadingOlder: boolean;
  open(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  /** Loads the timeline page before the oldest event shown. */
  showEarlier(): Promise<void>;
  changeStatus(status: TicketStatus): Promise<void>;
  assign(assignedToId: string | null): Promise<void>;
  setPriority(priority: TicketPriority): Promise<void>;
  edit(fields: TicketEdit): Promise<void>;
  /** `workOrders`: a decision for each OT still open (the service refuses the close otherwise). */
  close(resolution: string, workOrders: CloseDecisionInput[]): Promise<void>;
  reopen(reason: string): Promise<void>;
  addNote(content: string): Promise<void>;
  addContact(input: { channel: ContactChannel; summary: string; contactName?: string }): Promise<void>;
  requestVisit(request: VisitRequest): Promise<void>;
  exportPdf(): Promise<FilePayload>;
}

export const useTicketDetail = sessionStore<TicketDetailState>('ticketDetail', (set, get) => {
  /** Runs one change on the open ticket; on a stale version it reloads the ticket and rethrows for the UI to explain. */
  async function mutate(work: (ticket: TicketDetail) => Promise<TicketDetail | TimelineAddition | null>): Promise<void> {
    const ticket = get().ticket;
    if (!ticket) return;
    set({ busy: true });
    try {
      const next = await work(ticket);
      const shown = get().ticket;
      if (!next) await get().refresh();
      // A note or a contact answers its event and the header; the other changes the whole ticket (latest page).
      else if ('event' in next) set({ ticket: shown && withAddition(shown, next) });
      else if (get().id === next.id) set({ ticket: withFreshDetail(shown, next) });
    } catch (error) {
      // An OT added or changed meanwhile (open_work_orders) shows up in the close dialog after the reload.
      if (error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION' || error.reason === 'open_work_orders')) await get().refresh();
      throw error;
    } finally {
      set({ busy: false });
    }
  }

  return {
    id: null,
    ticket: null,
    loading: false,
    error: null,
    busy: false,
    loadingOlder: false,

    async open(id) {
      // Coming back to the same ticket (another screen in between): show what we had and refetch quietly.
      if (id === get().id && get().ticket) return get().refresh();
      if (id === get().id && get().loading) return;
      set({ id, ticket: null, error: null, loading: id !== null, loadingOlder: false });
      if (!id) return;
      try {
        const ticket = await api.call('tickets.get', { id });
        if (get().id === id) set({ ticket, loading: false });
      } catch (error) {
        if (get().id === id) set({ error, loading: false });
      }
    },

    async refresh() {
      const id = get().id;
      if (!id) return;
      try {
        const ticket = await api.call('tickets.get', { id });
        if (get().id === id) set({ ticket: withFreshDetail(get().ticket, ticket), error: null });
      } catch (error) {
        if (get().id === id) set({ error });
      }
    },

    async showEarlier() {
      const ticket = get().ticket;
      const before = ticket?.timelineOlderCursor;
      if (!ticket || !before || get().loadingOlder) return;
      set({ loadingOlder: true });
      try {
        const page = await api.call('tickets.timeline', { id: ticket.id, before });
        const shown = get().ticket;
        if (shown && shown.id === ticket.id) set({ ticket: withOlderPage(shown, before, page) });
      } finally {
        set({ loadingOlder: false });
      }
    },

    changeStatus: (status) => mutate((t) => api.call('tickets.changeStatus', { id: t.id, status, version: t.version })),
    assign: (assignedToId) => mutate((t) => api.call('tickets.assign', { id: t.id, assignedToId, version: t.version })),
    setPriority: (priority) => mutate((t) => api.call('tickets.update', { id: t.id, priority, version: t.version })),
    edit: (fields) => mutate((t) => api.call('tickets.update', { id: t.id, version: t.version, ...fields })),
    close: (resolution, workOrders) => mutate((t) => api.call('tickets.close', { id: t.id, resolution, version: t.version, workOrders })),
    reopen: (reason) => mutate((t) => api.call('tickets.reopen', { id: t.id, reason, version: t.version })),
    addNote: (content) => mutate((t) => api.call('tickets.addNote', { id: t.id, content })),
    addContact: (input) => mutate((t) => api.call('tickets.addContact', { id: t.id, ...input })),
    requestVisit: (request) =>
      mutate(async (t) => {
        await api.call('workOrders.requestVisit', { ticketId: t.id, ...request });
        return null;
      }),

    async exportPdf() {
      const ticket = get().ticket;
      if (!ticket || !ticketPdfAvailable) throw new ApiError({ code: 'NOT_IMPLEMENTED', message: 'no ticket PDF', details: { reason: 'not_implemented' } });
      // Typed loosely until reports.ticketPdf is in the contract this build was compiled against. The PDF speaks the UI's language.
      const call = api.call as (channel: ChannelName, input: InputOf<ChannelName>) => Promise<unknown>;
      return (await call(TICKET_PDF_CHANNEL as ChannelName, { id: ticket.id, language: uiLanguage() } as InputOf<ChannelName>)) as FilePayload;
    },
  };
});
