// Keyboard use of the tickets screen: j/k or arrows move (Home/End jump), Enter opens, Ctrl+N or n creates (a browser
// keeps Ctrl+N for a new window), Ctrl+K or / searches, Escape backs out.
import { useEffect, useRef } from 'react';
import { ticketListElement } from './TicketList';

export interface TicketKeyHandlers {
  move(delta: number): void;
  openSelected(): void;
  newTicket(): void;
  focusSearch(): void;
  escape(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A modal <dialog> owns the keyboard while it is open. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

export function useTicketKeyboard(handlers: TicketKeyHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || modalOpen()) return;
      const h = latest.current;
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (ctrl && key === 'n') {
        event.preventDefault();
        h.newTicket();
        return;
      }
      if (ctrl && key === 'k') {
        event.preventDefault();
        h.focusSearch();
        return;
      }
      if (event.key === 'Escape') {
        // Escape in a field only leaves the field: the open ticket and whatever was typed stay.
        if (isTyping(event.target) && event.target instanceof HTMLElement) {
          event.preventDefault();
          // To the open ticket's title (or the list), not to <body>, where the next Tab starts over at the top.
          const back = event.target.closest('.ticket-detail') ? document.getElementById('ticket-detail-title') : ticketListElement();
          if (back) back.focus();
          else event.target.blur();
          return;
        }
        h.escape();
        return;
      }
      if (ctrl || event.altKey || isTyping(event.target)) return;
      // Buttons, links and summary elements keep their own Enter.
      const onControl = event.target instanceof HTMLElement && event.target.closest('button, a, summary') !== null;
      // Arrows keep scrolling the detail pane when the focus is there; j/k work anywhere.
      const inDetail = event.target instanceof HTMLElement && event.target.closest('.ticket-detail') !== null;
      if (inDetail && ['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          h.move(1);
          break;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          h.move(-1);
          break;
        case 'Enter':
          if (onControl) return;
          event.preventDefault();
          h.openSelected();
          break;
        case 'Home':
          event.preventDefault();
          h.move(-Number.MAX_SAFE_INTEGER);
          break;
        case 'End':
          event.preventDefault();
          h.move(Number.MAX_SAFE_INTEGER);
          break;
        case '/':
          event.preventDefault();
          h.focusSearch();
          break;
        case 'n':
          event.preventDefault();
          h.newTicket();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
