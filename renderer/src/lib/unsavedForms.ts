// Inline forms holding typed, unsaved data mark their <form> (data-unsaved): a screen-level key such as Escape, which
// closes the open ticket, must not throw that typing away without asking.
export const unsavedMark = (dirty: boolean): { 'data-unsaved'?: 'true' } => (dirty ? { 'data-unsaved': 'true' } : {});

/** The first form inside `scope` that holds unsaved typing, if any. */
export function unsavedFormIn(scope: string): HTMLFormElement | null {
  return document.querySelector<HTMLFormElement>(`${scope} form[data-unsaved="true"]`);
}
