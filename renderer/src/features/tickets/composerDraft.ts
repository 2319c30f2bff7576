// What is typed in a ticket's note or contact box and not added yet, by ticket id: opening another ticket and coming
// back finds it there (a trial lost a note that way, with no warning). Kept for the window's life, like the OT's work done.
import type { ContactChannel } from '../../../../electron/contract';

export interface ComposerDraft {
  mode: 'note' | 'contact';
  text: string;
  channel: ContactChannel;
  contactName: string;
}

const drafts = new Map<string, ComposerDraft>();

const EMPTY_COMPOSER: ComposerDraft = { mode: 'note', text: '', channel: 'phone', contactName: '' };

export const composerDraftOf = (ticketId: string): ComposerDraft => drafts.get(ticketId) ?? EMPTY_COMPOSER;

/** Signing out forgets them all: on a shared laptop the next person never sees what the last one typed. */
export const clearComposerDrafts = (): void => drafts.clear();

/** Kept while it holds typing; an empty box (or one just added) leaves nothing behind. */
export function keepComposerDraft(ticketId: string, draft: ComposerDraft): void {
  if (draft.text.trim() === '' && draft.contactName.trim() === '') drafts.delete(ticketId);
  else drafts.set(ticketId, draft);
}
