// freshRead: asks that meet share one read, and an ask made while a read is on its way gets an answer read after it.
import { describe, expect, it } from 'vitest';
import { freshRead } from '../../renderer/src/lib/freshRead';

/** A store whose value changes under the reads, and reads that finish when the test says. */
function world() {
  let value = 0;
  let stored: number | null = null;
  const pending: (() => void)[] = [];
  let reads = 0;
  const reader = freshRead(() => {
    reads += 1;
    const seen = value;
    return new Promise<void>((resolve) => pending.push(() => ((stored = seen), resolve())));
  });
  return {
    reader,
    change: () => (value += 1),
    finishNext: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    stored: () => stored,
    value: () => value,
    reads: () => reads,
    waiting: () => pending.length,
  };
}

describe('freshRead', () => {
  it('asks made while a read is out share one more read after it, not one each', async () => {
    const w = world();
    const asks = [w.reader.run(), w.reader.run(), w.reader.run()];
    expect(w.reads()).toBe(1);
    await w.finishNext();
    expect(w.waiting()).toBe(1);
    await w.finishNext();
    await Promise.all(asks);
    expect(w.reads()).toBe(2);
    expect(w.stored()).toBe(w.value());
  });

  it('a change asked about while a read is out is in the answer the store ends with', async () => {
    const w = world();
    const first = w.reader.run();
    w.change();
    const second = w.reader.run();
    await w.finishNext();
    expect(w.stored()).toBe(0);
    await w.finishNext();
    await Promise.all([first, second]);
    expect(w.stored()).toBe(1);
    expect(w.waiting()).toBe(0);
  });

  it('one ask reads once; a later ask reads again', async () => {
    const w = world();
    const one = w.reader.run();
    await w.finishNext();
    await one;
    expect(w.reads()).toBe(1);
    w.change();
    const two = w.reader.run();
    await w.finishNext();
    await two;
    expect(w.reads()).toBe(2);
    expect(w.stored()).toBe(1);
  });

  it('after a reset the read on its way is left behind and the next ask reads afresh', async () => {
    const w = world();
    void w.reader.run();
    w.reader.reset();
    w.change();
    const next = w.reader.run();
    expect(w.reads()).toBe(2);
    w.change();
    // The abandoned read (first in line) answers late: the fresh one still reads after it.
    await w.finishNext();
    await w.finishNext();
    await next;
    expect(w.stored()).toBe(1);
  });
});
