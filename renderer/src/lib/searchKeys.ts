// Escape in a search box clears it and leaves it: the keyboard goes back to what the box searches (or the page).
import type { KeyboardEvent } from 'react';

/**
 * Call from a search input's onKeyDown. On Escape: clears the text (through `clear`, when there is any) and moves
 * the focus to the first element matching `returnTo` (the list the box filters; the box keeps it when there is none),
 * or, with no `returnTo`, simply out of the box.
 * Returns true when it handled the key.
 */
export function leaveSearchOnEscape(event: KeyboardEvent<HTMLInputElement>, clear: () => void, returnTo?: string): boolean {
  if (event.key !== 'Escape') return false;
  // The box owns this Escape: no native clear, and no screen-level Escape (closing the open ticket) on top of it.
  event.preventDefault();
  event.stopPropagation();
  const input = event.currentTarget;
  if (input.value) clear();
  if (!returnTo) {
    input.blur();
    return true;
  }
  // No list to go back to (nothing matched): the box keeps the focus rather than leaving it nowhere.
  document.querySelector<HTMLElement>(returnTo)?.focus();
  return true;
}
