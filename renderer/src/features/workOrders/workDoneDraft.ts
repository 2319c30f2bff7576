// What is typed in the OT's "Trabajo realizado" box and not saved yet, by OT id: the completion dialog starts from it,
// so text typed on the OT and not saved is not lost when the technician goes straight to Completar.
const drafts = new Map<string, string>();

export function keepWorkDoneDraft(workOrderId: string, text: string, saved: string): void {
  if (text === saved) drafts.delete(workOrderId);
  else drafts.set(workOrderId, text);
}

export const workDoneDraftOf = (workOrderId: string): string | undefined => drafts.get(workOrderId);

/** Signing out forgets them all (registered with the session stores by WorkDoneCard). */
export const clearWorkDoneDrafts = (): void => drafts.clear();

// When a newer saved text arrives, the box takes it only if what it holds was not typed since: it still shows the text
// saved before, or exactly what this box sent. Anything else was typed while the save was on its way, and stays.
export function boxAfterNewSave(typed: string, before: { saved: string; sent: string }, saved: string): string {
  return typed === before.saved || typed === before.sent ? saved : typed;
}
