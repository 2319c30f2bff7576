// Where the keyboard focus is, for screens that put it back after the control that had it went away.

/** True when nothing has the focus: the element that had it was removed (or disabled) and the browser left it on <body>. */
export function focusWasLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
