// A message that appears as a box loses the focus moves what lies below it. When the focus left because the pointer
// went down on a button ("Guardar", "Cancelar"), the button would slide from under it and the click be lost; so such
// a message waits until the press is over. Left by the keyboard, it shows at once.

let pressing = false;
let watching = false;

/** Started by the first box that needs it (nothing listens before a page shows one). */
export function watchPointerPresses(): void {
  if (watching) return;
  watching = true;
  document.addEventListener('pointerdown', () => (pressing = true), true);
  for (const end of ['pointerup', 'pointercancel'] as const) document.addEventListener(end, () => (pressing = false), true);
}

/** Runs `work` now, or after the pointer pressed now is released and its click delivered. */
export function afterPointerPress(work: () => void): void {
  if (!pressing) return work();
  document.addEventListener('pointerup', () => setTimeout(work, 0), { capture: true, once: true });
}
