// A dialog's fields set in the render that opens it, not in an effect after it: the dialog is first drawn with them,
// so a key pressed the moment it appears never meets an empty box that is filled a moment later (over the key).
import { useState } from 'react';

/**
 * Calls `start` (the component's own state setters only) in the render where `key` turns from null to a value or to
 * another value: a dialog opening, or opening on another item. Nothing runs while the key stays, or on closing.
 */
export function useOnOpening(key: string | null, start: () => void): void {
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  if (key === openedFor) return;
  setOpenedFor(key);
  if (key !== null) start();
}
