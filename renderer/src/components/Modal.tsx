// A modal dialog on the native <dialog> element: focus trapped (Tab goes round inside it), Escape closes.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { focusRegion, focusWasLost, regionOf } from '../lib/focus';

interface ModalProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/** Inputs whose typing is worth asking about before a dialog throws it away (not choices, not a password typed again). */
const TYPED_INPUTS = new Set(['text', 'search', 'email', 'tel', 'url', 'number']);

const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

function firstField(dialog: HTMLDialogElement): HTMLElement | null {
  return dialog.querySelector<HTMLElement>(`.modal-body :is(${FIELDS})`);
}

const TABBABLE = `a[href], button:not([disabled]), ${FIELDS}, [tabindex]:not([tabindex="-1"])`;

/**
 * Where Tab goes from the dialog's last control (Shift+Tab from its first): round to the other end. A native modal
 * dialog lets it leave for the browser's own toolbar, which the desktop app does not have: the focus reached the page
 * behind once before coming back. Null when the key stays inside by itself.
 */
function wrappedTabTarget(dialog: HTMLDialogElement, backwards: boolean): HTMLElement | null {
  const own = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.closest('dialog') === dialog && el.getClientRects().length > 0);
  const [first, last] = [own[0], own[own.length - 1]];
  if (!first || !last) return null;
  if (backwards) return document.activeElement === first || !dialog.contains(document.activeElement) ? last : null;
  return document.activeElement === last || !dialog.contains(document.activeElement) ? first : null;
}

/** The control that opened the latest modal: a dialog that follows another (the invitation's result) inherits it. */
let lastOpener: HTMLElement | null = null;

export function Modal({ title, open, onClose, children, footer, wide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  // Where the opener was: once the dialog's work removed it, the focus goes to that part of the screen's heading.
  const openerRegion = useRef<HTMLElement | null>(null);
  const { t } = useTranslation();
  // Text typed here: Escape or × ask before throwing it away (Cancelar, a deliberate choice, does not).
  const typedIn = useRef(new Set<HTMLInputElement | HTMLTextAreaElement>());
  const [askingDiscard, setAskingDiscard] = useState(false);
  const dismiss = () => {
    const typed = [...typedIn.current].some((field) => field.isConnected && field.value.trim() !== '');
    if (typed) setAskingDiscard(true);
    else onClose();
  };
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = focusWasLost() ? lastOpener : (document.activeElement as HTMLElement);
      openerRegion.current = regionOf(opener.current);
      lastOpener = opener.current;
      // A dialog kept mounted between openings (Nuevo ticket) starts with nothing typed and nothing asked.
      typedIn.current.clear();
      setAskingDiscard(false);
      dialog.showModal();
      // showModal() focuses the first focusable element, the header's ×, and a child's autoFocus ran while the dialog
      // was still closed: put the person in the first field instead (Ctrl+N lands on Asunto). A dialog that only asks
      // (a double booking to confirm) starts on its first answer, the footer's first button (Cancelar), not on ×.
      (firstField(dialog) ?? dialog.querySelector<HTMLElement>('.modal-footer button:not([disabled])'))?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Focus lost while open: the element that had it inside the dialog was disabled (a button busy saving) or removed
  // (the dialog asked its next question). It goes back into the dialog, or Tab and Enter would start from the page
  // behind it. Not when the person clicked somewhere that takes no focus (text, padding): nothing was lost then.
  const lastFocused = useRef<HTMLElement | null>(null);
  const takeBackLostFocus = () => {
    const dialog = ref.current;
    if (!dialog?.open || !focusWasLost()) return;
    const openDialogs = document.querySelectorAll('dialog[open]');
    if (openDialogs[openDialogs.length - 1] !== dialog) return;
    const enabled = 'button:not([disabled])';
    (firstField(dialog) ?? dialog.querySelector<HTMLElement>(`.modal-footer ${enabled}`) ?? dialog.querySelector<HTMLElement>(enabled))?.focus();
  };
  useEffect(() => {
    if (lastFocused.current && !lastFocused.current.isConnected) takeBackLostFocus();
  });
  // Removed while open (its owner stopped drawing it): the focus goes back to the control that opened it, if nothing
  // else took it once the page is drawn (a next dialog, a screen that places it itself); when the dialog's work took
  // that control away (Cerrar ticket on a ticket now closed), to the heading of the part of the screen it was in.
  useEffect(
    () => () => {
      const back = opener.current;
      const region = openerRegion.current;
      window.setTimeout(() => {
        if (!focusWasLost()) return;
        if (back?.isConnected) back.focus();
        else focusRegion(region);
      }, 0);
    },
    [],
  );
  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-label={title}
      onFocus={(e) => {
        // Its own controls only: a dialog opened over it (discard the typing?) tracks its own.
        if (e.target instanceof HTMLElement && e.target.closest('dialog') === ref.current) lastFocused.current = e.target;
      }}
      onBlur={(e) => {
        // A disabled element loses the focus when the page is next drawn: take it back after that.
        if (e.target instanceof HTMLElement && e.target.matches(':disabled')) window.setTimeout(takeBackLostFocus, 0);
      }}
      onInput={(e) => {
        if (e.target instanceof HTMLTextAreaElement || (e.target instanceof HTMLInputElement && TYPED_INPUTS.has(e.target.type))) typedIn.current.add(e.target);
      }}
      // Escape is handled as a key, before it becomes the browser's close request: a dialog that asks whether to
      // discard the typing must get the next Escape too, and Chromium lets a page refuse a close request only once
      // without a click or typing in between.
      onKeyDown={(e) => {
        if (e.defaultPrevented) return;
        if (e.key === 'Tab' && ref.current && (e.target as Element).closest('dialog') === ref.current) {
          const target = wrappedTabTarget(ref.current, e.shiftKey);
          if (target) {
            e.preventDefault();
            target.focus();
          }
          return;
        }
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        dismiss();
      }}
      onCancel={(e) => {
        e.preventDefault();
        dismiss();
      }}
    >
      {open && (
        <>
          <header className="modal-header">
            <h2>{title}</h2>
            <button type="button" className="btn btn-ghost btn-icon" onClick={dismiss} aria-label={t('actions.close')}>
              ×
            </button>
          </header>
          <div className="modal-body">{children}</div>
          {footer && <footer className="modal-footer">{footer}</footer>}
        </>
      )}
      {open && askingDiscard && (
        <Modal
          title={t('discardTyping.title')}
          open
          onClose={() => setAskingDiscard(false)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAskingDiscard(false)}>
                {t('discardTyping.keep')}
              </button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => {
                  setAskingDiscard(false);
                  onClose();
                }}
              >
                {t('discardTyping.discard')}
              </button>
            </>
          }
        >
          <p>{t('discardTyping.text')}</p>
        </Modal>
      )}
    </dialog>
  );
}
