// A <select> whose every change is saved at once (a ticket's status, priority, assignee). On Windows and Linux an arrow
// key on a closed list changes its value, which here would save at each press (and a status move counts as the SLA's
// first response): arrows and type-ahead open the list instead, where they move freely and Enter chooses.
import type { KeyboardEvent, SelectHTMLAttributes } from 'react';

const VALUE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);

/** True for a key that would change a closed list's value without opening it. */
export function changesClosedList(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  return VALUE_KEYS.has(event.key) || (event.key.length === 1 && event.key !== ' ');
}

export function SavingSelect({ onKeyDown, ...select }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      {...select}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || !changesClosedList(event)) return;
        event.preventDefault();
        try {
          event.currentTarget.showPicker();
        } catch {
          // A browser without showPicker for lists: the key does nothing, and Alt+↓ or Space still opens it.
        }
      }}
    />
  );
}
