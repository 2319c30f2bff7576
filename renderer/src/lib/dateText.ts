// Day-first date and 24-hour time text (dd/mm/aaaa, hh:mm) ⇄ the ISO pieces native inputs use (yyyy-mm-dd, HH:MM).
// Pure: the inputs in components/DateInput.tsx use it, and so can tests.

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-03-02' → '02/03/2026'; anything else → ''. */
export function textOfIsoDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** '2/3/2026', '02-03-2026', '02.03.26' → '2026-03-02'; null when it names no real day. */
export function isoDateOfText(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** '9:05', '09.05', '0905' → '09:05'; null when it is no time of day. */
export function timeOfText(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*[:.h]?\s*(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? `${pad(hours)}:${pad(minutes)}` : null;
}
