// Day-first date and 24-hour time text (dd/mm/aaaa, hh:mm) ⇄ the ISO pieces native inputs use (yyyy-mm-dd, HH:MM).
// Pure: the inputs in components/DateInput.tsx use it, and so can tests.

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-03-02' → '02/03/2026'; anything else → ''. */
export function textOfIsoDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/**
 * Day, month and year with separators, or their digits run together as the time's '0905' are ('07122026', '071226');
 * or day and month alone ('7/12'), which take this year.
 */
const DATE_SHAPE = /^\s*(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?|(\d{2})(\d{2})(\d{4}|\d{2}))\s*$/;

/** '2/3/2026', '02-03-2026', '02.03.26', '02032026', '2/3' (this year) → '2026-03-02'; null when it names no real day. */
export function isoDateOfText(text: string, today: Date = new Date()): string | null {
  const match = DATE_SHAPE.exec(text);
  if (!match) return null;
  const day = Number(match[1] ?? match[4]);
  const month = Number(match[2] ?? match[5]);
  const yearText = match[3] ?? match[6];
  const year = yearText === undefined ? today.getFullYear() : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** '9:05', '09.05', '0905' → '09:05'; an hour alone ('9', '9h') is on the hour; null when it is no time of day. */
export function timeOfText(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*(?:[:.h]?\s*(\d{2})|h?)\s*$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  return hours < 24 && minutes < 60 ? `${pad(hours)}:${pad(minutes)}` : null;
}

/** What is wrong with a typed date, for the message under it. */
export type DateTextIssue = 'date_missing' | 'date_format' | 'date_not_a_day';
export type TimeTextIssue = 'time_missing' | 'time_format';

/** null for an empty box (the form decides whether the date is required) or a real day; 31/11/2026 is no day. */
export function dateTextIssue(text: string): DateTextIssue | null {
  if (!text.trim() || isoDateOfText(text)) return null;
  return DATE_SHAPE.test(text) ? 'date_not_a_day' : 'date_format';
}

/** A date with a time: both empty is the form's business; otherwise each part must be there and readable. */
export function dateTimeTextIssues(dateText: string, timeText: string): { date: DateTextIssue | null; time: TimeTextIssue | null } {
  const noDate = !dateText.trim();
  const noTime = !timeText.trim();
  if (noDate && noTime) return { date: null, time: null };
  return {
    date: noDate ? 'date_missing' : dateTextIssue(dateText),
    time: noTime ? 'time_missing' : timeOfText(timeText) ? null : 'time_format',
  };
}
