// Pushes that meet at the hub go in together (pgPushBatches.ts): one apply for the ops of all of them, each op once,
// every member answered only when that apply has committed, with the counts of the ops it sent; a batch that fails
// is retried push by push, and the database gone fails them all at once.
import { describe, expect, it } from 'vitest';
import type { ApplyOutcome } from '../../electron/services/sync/apply';
import type { OpRecord } from '../../electron/services/sync/capture';
import { opKey, type OpFate } from '../../electron/services/sync/pg/pgApply';
import { PushBatches, sharesOf, type AppliedBatch } from '../../electron/services/sync/pg/pgPushBatches';
import { WireError } from '../../electron/services/sync/net/httpBody';

const op = (deviceId: string, seq: number): OpRecord => ({
  deviceId,
  seq,
  hlc: `2026-12-02T10:00:00.000Z-${String(seq).padStart(6, '0')}-${deviceId}`,
  entity: 'tickets',
  rowId: `${deviceId}-${seq}`,
  kind: 'insert',
  fields: {},
  base: null,
  authorId: null,
  schemaVersion: 1,
});

const emptyOutcome = (): ApplyOutcome => ({ applied: 0, duplicates: 0, gaps: 0, setAside: [], touched: [] });

/** An apply that decides each op by `fateOf`, and resolves only when released (the commit). */
function controlledApply(fateOf: (op: OpRecord) => OpFate = () => 'applied') {
  const calls: { ops: OpRecord[]; commit: () => void; fail: (error: unknown) => void }[] = [];
  const apply = (ops: OpRecord[]) =>
    new Promise<AppliedBatch<string>>((resolve, reject) => {
      const fates = new Map(ops.map((one) => [opKey(one), fateOf(one)]));
      const outcome = emptyOutcome();
      for (const fate of fates.values()) if (fate === 'applied') outcome.applied++;
      calls.push({ ops, commit: () => resolve({ outcome, fates, common: `vector after ${calls.length}` }), fail: reject });
    });
  return { calls, apply };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('push batches', () => {
  it('applies the pushes that arrived during an apply together, each op once, and answers them after that commit', async () => {
    const { calls, apply } = controlledApply();
    const batches = new PushBatches(apply);
    const first = batches.push([op('a', 1)]);
    await tick();
    const answered: string[] = [];
    const second = batches.push([op('b', 1), op('c', 1)]).then((answer) => (answered.push('second'), answer));
    const third = batches.push([op('c', 1), op('d', 1)]).then((answer) => (answered.push('third'), answer));
    calls[0]!.commit();
    expect((await first).share).toEqual({ applied: 1, duplicates: 0, gaps: 0, setAside: 0 });
    await tick();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.ops.map(opKey)).toEqual(['b/1', 'c/1', 'd/1']);
    await tick();
    expect(answered).toEqual([]);
    calls[1]!.commit();
    const [two, three] = await Promise.all([second, third]);
    expect(two.share).toEqual({ applied: 2, duplicates: 0, gaps: 0, setAside: 0 });
    // c/1 was sent by both: counted for the first sender, a duplicate for the other.
    expect(three.share).toEqual({ applied: 1, duplicates: 1, gaps: 0, setAside: 0 });
    expect(two.common).toBe(three.common);
    expect([two.first, three.first]).toEqual([true, false]);
  });

  it("counts each member's ops by what became of them, and held ops applied again for the first", () => {
    const fates = new Map<string, OpFate>([
      ['a/1', 'applied'],
      ['a/3', 'gap'],
      ['b/1', 'duplicate'],
      ['b/2', 'forbidden'],
    ]);
    expect(sharesOf([[op('a', 1), op('a', 3)], [op('b', 1), op('b', 2), op('a', 1)]], fates, 2)).toEqual([
      { applied: 3, duplicates: 0, gaps: 1, setAside: 0 },
      { applied: 0, duplicates: 2, gaps: 0, setAside: 1 },
    ]);
  });

  it('retries a failed batch push by push, so one push that fails does not fail the others', async () => {
    const { calls, apply } = controlledApply();
    const batches = new PushBatches(apply);
    const first = batches.push([op('a', 1)]);
    await tick();
    const good = batches.push([op('b', 1)]);
    const bad = batches.push([op('c', 1)]);
    calls[0]!.commit();
    await first;
    await tick();
    calls[1]!.fail(new Error('a bug in one push'));
    await tick();
    expect(calls[2]!.ops.map(opKey)).toEqual(['b/1']);
    calls[2]!.commit();
    expect((await good).share.applied).toBe(1);
    await tick();
    expect(calls[3]!.ops.map(opKey)).toEqual(['c/1']);
    calls[3]!.fail(new Error('a bug in one push'));
    await expect(bad).rejects.toThrow('a bug in one push');
  });

  it('fails every push of the batch at once when the database is gone', async () => {
    const { calls, apply } = controlledApply();
    const batches = new PushBatches(apply);
    const first = batches.push([op('a', 1)]);
    await tick();
    const others = [batches.push([op('b', 1)]), batches.push([op('c', 1)])];
    calls[0]!.commit();
    await first;
    await tick();
    calls[1]!.fail(new WireError(503, 'hub_unavailable', 'gone'));
    for (const other of others) await expect(other).rejects.toThrow('gone');
    expect(calls).toHaveLength(2);
  });
});
