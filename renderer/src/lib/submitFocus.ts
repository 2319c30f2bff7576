// A form sent and refused (a required field empty, a date in the future, the server's field errors): the keyboard
// goes to the first field said to be wrong, not left on the button, where the person could not tell what to fix.

/** The form sent last, until its first wrong field took the focus or the person typed in it again. */
let sentForm: HTMLFormElement | null = null;
let watching = false;

/** Called by every Field as it shows (before anything can be sent): the page's submits are watched from then on. */
export function watchSubmits(): void {
  if (watching) return;
  watching = true;
  // Capture: seen before a form's own handlers, which may stop the event (a date box that holds the form back).
  document.addEventListener('submit', (event) => {
    if (event.target instanceof HTMLFormElement) sentForm = event.target;
  }, true);
  document.addEventListener('input', (event) => {
    if (sentForm && event.target instanceof Node && sentForm.contains(event.target)) sentForm = null;
  }, true);
}

/** Called when `control` is marked wrong: it takes the focus if it is the first wrong field of the form just sent. */
export function focusIfFirstWrongOfSentForm(control: HTMLElement | null): void {
  const form = control?.closest('form');
  if (!control || !form || form !== sentForm) return;
  if (form.querySelector('[aria-invalid="true"]') !== control) return;
  sentForm = null;
  control.focus();
}
