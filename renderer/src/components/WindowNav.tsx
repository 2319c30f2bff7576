// The header controls of a day-or-week calendar window (agenda, dispatch board): step back, today, step forward, the
// range shown, and the day/week switch. Each screen passes its own words.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { WindowMode } from '../lib/calendarWindow';

const MODES: readonly WindowMode[] = ['day', 'week'];

export function WindowStepper({
  mode,
  range,
  rangeClassName,
  shift,
  today,
  words,
}: {
  mode: WindowMode;
  range: string;
  rangeClassName: string;
  shift: (steps: number) => void;
  today: () => void;
  words: { previous: (mode: WindowMode) => string; next: (mode: WindowMode) => string; today: string };
}) {
  return (
    <div className="btn-row">
      <button type="button" className="btn btn-icon" onClick={() => shift(-1)} aria-label={words.previous(mode)}>
        <ChevronLeft size={16} aria-hidden="true" />
      </button>
      <button type="button" className="btn" onClick={today}>
        {words.today}
      </button>
      <button type="button" className="btn btn-icon" onClick={() => shift(1)} aria-label={words.next(mode)}>
        <ChevronRight size={16} aria-hidden="true" />
      </button>
      <span className={rangeClassName} aria-live="polite">
        {range}
      </span>
    </div>
  );
}

export function WindowModeSwitch({ mode, setMode, label, modeLabel }: { mode: WindowMode; setMode: (mode: WindowMode) => void; label: string; modeLabel: (mode: WindowMode) => string }) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {MODES.map((m) => (
        <button key={m} type="button" className="btn" aria-pressed={mode === m} onClick={() => setMode(m)}>
          {modeLabel(m)}
        </button>
      ))}
    </div>
  );
}
