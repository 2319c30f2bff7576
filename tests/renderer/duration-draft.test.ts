// The completion dialog's duration: the summary prints what the report will, to the second when nothing was typed.
import { describe, expect, it } from 'vitest';
import { measuredMinutesOf, measuredWords, summarySeconds, typedDurationInput } from '../../renderer/src/features/workOrders/durationDraft';

const started = '2026-12-02T10:00:00.000Z';
const at = (iso: string) => new Date(iso).getTime();

describe('the completion summary duration', () => {
  it('keeps a visit under a minute in seconds (whole minutes would print "0 s")', () => {
    const now = at('2026-12-02T10:00:40.000Z');
    expect(measuredMinutesOf(started, now)).toBe(1);
    expect(summarySeconds(typedDurationInput('1', '', measuredMinutesOf(started, now)), started, now)).toBe(40);
    expect(summarySeconds({}, started, at('2026-12-02T10:00:20.000Z'))).toBe(20);
  });

  it('is the typed figure when the technician changed it, with a reason', () => {
    const now = at('2026-12-02T11:35:00.000Z');
    const typed = typedDurationInput('60', 'olvidé pararlo', measuredMinutesOf(started, now));
    expect(summarySeconds(typed, started, now)).toBe(3600);
  });

  it('names a measured time under a minute as such in the dialog, not "0 s" beside the running clock', () => {
    expect(measuredWords(measuredMinutesOf(started, at('2026-12-02T10:00:29.000Z')))).toEqual({ key: 'complete.measuredUnderMinute' });
    expect(measuredWords(measuredMinutesOf(started, at('2026-12-02T10:47:10.000Z')))).toEqual({ key: 'complete.measured', seconds: 47 * 60 });
    expect(measuredWords(null)).toEqual({ key: 'complete.notMeasured' });
  });

  it('is nothing for an OT never started', () => {
    expect(summarySeconds({}, null, at('2026-12-02T11:35:00.000Z'))).toBeNull();
  });
});
