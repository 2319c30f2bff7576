// Agenda shortcuts: ←/→ move by a day or week, H/T today, D day view, S/W week view (Spanish and English letters).
import { useEffect } from 'react';
import { useAgenda } from './agendaStore';

function typingOrBusy(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  return (
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    tag === 'INPUT' ||
    tag === 'SELECT' ||
    tag === 'TEXTAREA' ||
    Boolean(target?.isContentEditable) ||
    document.querySelector('dialog[open]') !== null
  );
}

export function useAgendaKeyboard(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingOrBusy(event)) return;
      const agenda = useAgenda.getState();
      const actions: Record<string, () => void> = {
        ArrowLeft: () => agenda.shift(-1),
        ArrowRight: () => agenda.shift(1),
        h: () => agenda.today(),
        t: () => agenda.today(),
        d: () => agenda.setMode('day'),
        s: () => agenda.setMode('week'),
        w: () => agenda.setMode('week'),
      };
      const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
