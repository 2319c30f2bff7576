// Where the keyboard focus is, for screens that put it back after the control that had it went away.

/** True when nothing has the focus: the element that had it was removed (or disabled) and the browser left it on <body>. */
export function focusWasLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/** The detail `element` is in (an open ticket, an OT), for the focus to go back to once the element is gone. */
export function regionOf(element: HTMLElement | null): HTMLElement | null {
  return element?.closest<HTMLElement>('article') ?? null;
}

/**
 * Puts the focus on `region`'s focusable heading (a detail's title): where a person reads on from when the control
 * they used is gone (Cerrar ticket once the ticket is closed). Elsewhere the screen places it itself, or nothing does.
 */
export function focusRegion(region: HTMLElement | null): void {
  if (region?.isConnected) region.querySelector<HTMLElement>(':is(h1, h2)[tabindex="-1"]')?.focus();
}

const LIST_STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };

/**
 * Where `key` moves from index `at` in a list of `length` by `steps` (±Infinity: the first or the last); null for a key
 * that moves nothing.
 */
export function steppedIndex(steps: Readonly<Record<string, number>>, key: string, at: number, length: number): number | null {
  const step = steps[key];
  return step === undefined ? null : Math.min(length - 1, Math.max(0, at + step));
}

/**
 * ↑/↓ (Home/End) move the focus among the `selector` elements inside `list` (a column of buttons Tab would walk one by
 * one). True when it moved, so the caller stops the key's default (scrolling the panel).
 */
export function moveFocusAmong(list: HTMLElement, selector: string, key: string): boolean {
  if (LIST_STEPS[key] === undefined) return false;
  const items = [...list.querySelectorAll<HTMLElement>(selector)];
  const at = items.findIndex((item) => item === document.activeElement || item.contains(document.activeElement));
  if (at < 0) return false;
  items[steppedIndex(LIST_STEPS, key, at, items.length) ?? at]?.focus();
  return true;
}
