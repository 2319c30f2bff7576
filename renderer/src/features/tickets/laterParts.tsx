// The ticket list screen's parts that the first rows need not wait for: the open ticket's pane (its timeline, panels,
// action forms and the telemetry chart library) and the new-ticket form (the contract's schemas it validates with).
// Their code loads once the first rows are painted, or at once when a ticket is open or a new one is asked for.
import { useEffect, useState, type ComponentProps } from 'react';
import { lazyScreen } from '../../app/lazyScreen';
import type { NewTicketModal } from './NewTicketModal';
import type { TicketDetailPane } from './TicketDetail';
import type { useTicketDetail } from './detailStore';

export const detailPane = lazyScreen<ComponentProps<typeof TicketDetailPane>>(() => import('./TicketDetail').then((module) => ({ default: module.TicketDetailPane })));
export const newTicketForm = lazyScreen<ComponentProps<typeof NewTicketModal>>(() => import('./NewTicketModal').then((module) => ({ default: module.NewTicketModal })));

/**
 * False until `needed` (a ticket open, the form asked for) or until the list has something to show (`listShown`) and
 * that frame has been painted; true from then on. Mounting a lazy part starts loading its code.
 */
export function useLaterParts({ listShown, needed }: { listShown: boolean; needed: boolean }): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted || !listShown) return;
    // The frame after the one showing the rows: their paint never waits on this code's loading and evaluation.
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [painted, listShown]);
  return painted || needed;
}

type DetailStore = typeof useTicketDetail;
let detailStore: DetailStore | null = null;
let detailStoreLoading: Promise<DetailStore> | null = null;

/** The open ticket's store once its code has loaded (with the pane, or for a ticket asked for); null before. */
export function loadedDetailStore(): DetailStore | null {
  return detailStore;
}

/** Runs `work` with the open ticket's store, loading its code first when needed (calls keep their order). */
export function withDetailStore(work: (store: DetailStore) => void): void {
  if (detailStore) return work(detailStore);
  detailStoreLoading ??= import('./detailStore').then((module) => (detailStore = module.useTicketDetail));
  void detailStoreLoading.then(work);
}
