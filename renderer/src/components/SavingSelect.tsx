// A list whose choice is saved at once (a ticket's status, priority, assignee). On Windows and Linux an arrow on a
// closed <select> changes its value, and in the browser's open list Escape or Tab keeps the option only highlighted:
// either would save (a status move counts as the SLA's first response). Here the arrows only show the next choice,
// Enter saves the one shown and Escape, Tab or leaving puts back the current one; a choice made with the mouse in the
// open list is saved at once.
import { useState, type KeyboardEvent, type SelectHTMLAttributes } from 'react';
import { steppedIndex } from '../lib/focus';

const STEPS: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -1, ArrowRight: 1, PageUp: -Infinity, PageDown: Infinity, Home: -Infinity, End: Infinity };

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: string;
  /** The choice to save: picked in the open list, or shown with the arrows and confirmed with Enter. */
  onChoose: (value: string) => void;
}

/** The value `key` moves to among the enabled options from `shown`; null when the key moves nothing. */
function stepped(select: HTMLSelectElement, shown: string, key: string): string | null {
  if (STEPS[key] === undefined) return null;
  const values = [...select.options].filter((option) => !option.disabled).map((option) => option.value);
  const next = steppedIndex(STEPS, key, Math.max(0, values.indexOf(shown)), values.length);
  return next === null ? null : (values[next] ?? null);
}

export function SavingSelect({ value, onChoose, onKeyDown, onBlur, className, ...select }: Props) {
  // The choice shown with the arrows and not saved yet.
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const pending = draft !== null && draft !== value;

  function keyDown(event: KeyboardEvent<HTMLSelectElement>) {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const next = stepped(event.currentTarget, shown, event.key);
    if (next !== null) {
      event.preventDefault();
      setDraft(next);
    } else if (event.key === 'Enter' && pending) {
      event.preventDefault();
      setDraft(null);
      onChoose(draft);
    } else if (event.key === 'Escape' && pending) {
      // Undoes the choice shown; the screen's own Escape (closing the ticket) waits for the next one.
      event.preventDefault();
      setDraft(null);
    } else if (event.key.length === 1 && event.key !== ' ') {
      // Type-ahead would change the value, and save it, as the arrows would.
      event.preventDefault();
    }
  }

  return (
    <select
      {...select}
      className={[className, pending ? 'is-pending' : null].filter(Boolean).join(' ') || undefined}
      value={shown}
      onKeyDown={keyDown}
      onBlur={(event) => {
        setDraft(null);
        onBlur?.(event);
      }}
      onChange={(event) => {
        setDraft(null);
        if (event.target.value !== value) onChoose(event.target.value);
      }}
    />
  );
}
