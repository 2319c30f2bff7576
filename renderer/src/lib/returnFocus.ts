// Back on a page, the keyboard goes on from where the person left it: the link that led away (an OT's row in the
// list, the OT in its ticket, a visit in Mi día) takes the focus once it shows, as the screen may still be loading.
import { useEffect } from 'react';
import { focusWasLost } from './focus';
import { pageCameBackFrom } from './router';

/** How long a page may take to show the link: past that, a focus arriving would surprise more than help. */
const WAIT_FOR_LINK_MS = 5000;

/** Call once per shown page (`where` is its hash); `content` is where the screens draw (the sidebar's links are not). */
export function useFocusOnLinkLeftBy(where: string, contentId: string): void {
  useEffect(() => {
    const left = pageCameBackFrom();
    const content = document.getElementById(contentId);
    if (!left || !content) return;
    const selector = `a[href="${CSS.escape(left)}"]`;
    const stillAway = () => focusWasLost() || document.activeElement === content;
    const observer = new MutationObserver(() => placeFocus());
    const timer = window.setTimeout(stop, WAIT_FOR_LINK_MS);
    function stop() {
      observer.disconnect();
      window.clearTimeout(timer);
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('keydown', stop, true);
    }
    function placeFocus() {
      if (!stillAway()) return stop();
      const link = content?.querySelector<HTMLElement>(selector);
      if (!link) return;
      link.focus();
      stop();
    }
    // The person acting first (a click, a key) decides where the focus goes.
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('keydown', stop, true);
    observer.observe(content, { childList: true, subtree: true });
    placeFocus();
    return stop;
  }, [where, contentId]);
}
