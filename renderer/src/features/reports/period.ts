// Period pickers work on local calendar days; the API wants instants.
export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** From the 1st of this month to today. */
export function thisMonth(today = new Date()): Period {
  return { from: ymd(new Date(today.getFullYear(), today.getMonth(), 1)), to: ymd(today) };
}

/** Inclusive days → [start of `from`, start of the day after `to`) as ISO instants; null when incomplete or reversed. */
export function periodToInstants(period: Period): { from: string; to: string } | null {
  const [fy, fm, fd] = period.from.split('-').map(Number);
  const [ty, tm, td] = period.to.split('-').map(Number);
  if (!fy || !fm || !fd || !ty || !tm || !td) return null;
  const from = new Date(fy, fm - 1, fd);
  const to = new Date(ty, tm - 1, td + 1);
  if (to <= from) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}
