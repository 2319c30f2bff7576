// The slow-call log: a dispatch over the threshold is logged as `slow call <channel> <ms> ms`, a quick one is not.
import { expect, it } from 'vitest';
import type { DispatchResult } from '../../electron/ipc/router';
import { SLOW_CALL_MS, withSlowCallLog } from '../../electron/ipc/engine/slow-calls';

/** A fake clock the fake dispatch moves forward by how long each channel "takes". */
function harness(costMs: Record<string, number>) {
  let now = 1_000;
  const lines: string[] = [];
  const answer: DispatchResult = { envelope: { ok: true, value: null } };
  const dispatch = withSlowCallLog(
    async (_call, channel) => {
      now += costMs[String(channel)] ?? 0;
      if (channel === 'throws') throw new Error('boom');
      return answer;
    },
    { now: () => now, log: (line) => lines.push(line) },
  );
  return { dispatch, lines, answer };
}

it('logs a call slower than 40 ms with its channel and milliseconds, and passes the answer through', async () => {
  const { dispatch, lines, answer } = harness({ 'reports.ticketsCsv': 212.4, 'tickets.list': 3, 'tickets.counts': SLOW_CALL_MS });
  expect(await dispatch({ sessionToken: null }, 'reports.ticketsCsv', {})).toBe(answer);
  await dispatch({ sessionToken: null }, 'tickets.list', {});
  await dispatch({ sessionToken: null }, 'tickets.counts', {});
  expect(lines).toEqual(['slow call reports.ticketsCsv 212 ms']);
});

it('logs a slow call that failed too, and never more than 100 characters of a caller-chosen name', async () => {
  const { dispatch, lines } = harness({ throws: 90, ['x'.repeat(500)]: 50 });
  await expect(dispatch({ sessionToken: null }, 'throws', {})).rejects.toThrow('boom');
  await dispatch({ sessionToken: null }, 'x'.repeat(500), {});
  expect(lines).toEqual(['slow call throws 90 ms', `slow call ${'x'.repeat(100)} 50 ms`]);
});

it('takes another threshold when given one', async () => {
  let now = 0;
  const lines: string[] = [];
  const dispatch = withSlowCallLog(
    async () => {
      now += 5;
      return { envelope: { ok: true, value: null } };
    },
    { now: () => now, thresholdMs: 4, log: (line) => lines.push(line) },
  );
  await dispatch({ sessionToken: null }, 'tickets.get', {});
  expect(lines).toEqual(['slow call tickets.get 5 ms']);
});
