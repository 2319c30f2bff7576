// The hub's sync lane: jobs in order, one per event-loop turn (other work gets in between), a failure stays its own.
import { describe, expect, it } from 'vitest';
import { HubLane } from '../../electron/services/sync/net/hubLane';

describe('hub lane', () => {
  it('runs jobs in order, one per turn, and lets other work in between', async () => {
    const lane = new HubLane();
    const order: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      lane.run(() => {
        order.push(`job${n}`);
        // Work that arrives while a job runs is served before the next job.
        setImmediate(() => order.push(`other after job${n}`));
        return n;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([1, 2, 3]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['job1', 'other after job1', 'job2', 'other after job2', 'job3', 'other after job3']);
  });

  it('a failing job rejects its own call only', async () => {
    const lane = new HubLane();
    const failed = lane.run(() => {
      throw new Error('bad page');
    });
    const next = lane.run(() => 'ok');
    await expect(failed).rejects.toThrow('bad page');
    expect(await next).toBe('ok');
  });
});
