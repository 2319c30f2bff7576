// What is typed in the OT's "Trabajo realizado" box and not saved yet, by OT id: the completion dialog starts from it,
// so text typed on the OT and not saved is not lost when the technician goes straight to Completar.
const drafts = new Map<string, string>();

export function keepWorkDoneDraft(workOrderId: string, text: string, saved: string): void {
  if (text === saved) drafts.delete(workOrderId);
  else drafts.set(workOrderId, text);
}

export const workDoneDraftOf = (workOrderId: string): string | undefined => drafts.get(workOrderId);
