// An instant in a narrow table column: its day and its time, each whole, free to go on two lines between them
// ("4 dic 2026, 10:" cut at the window's edge, or a table pushed past it, is what one line gave).
import { formatDate, formatTime } from '../lib/format';

export function DayAndTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <>—</>;
  return (
    <>
      <span className="nowrap">{formatDate(iso)}</span> <span className="nowrap">{formatTime(iso)}</span>
    </>
  );
}
