// Period pickers work on company-zone calendar days; the API wants instants ([start of from, start of the day after to)).
import { presetPeriod } from '../../../../electron/contract/periods';
import { daysToRange, isLocalDate } from '../../../../electron/contract/zonedTime';

export interface Period {
  from: string;
  to: string;
}

/** This month, its first day to its last, on the company calendar. */
export function thisMonth(zone: string, now: Date = new Date()): Period {
  return presetPeriod('this_month', zone, now);
}

/** Inclusive days → [start of `from`, start of the day after `to`) as ISO instants; null when incomplete or reversed. */
export function periodToInstants(period: Period, zone: string): { from: string; to: string } | null {
  if (!isLocalDate(period.from) || !isLocalDate(period.to) || period.to < period.from) return null;
  return daysToRange(zone, period.from, period.to);
}
