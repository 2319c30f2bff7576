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
