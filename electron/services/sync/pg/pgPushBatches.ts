// Pushes that reach one hub process while it is applying wait here, then go in together: one transaction, one take
// of the apply lock and one prefetch for all of them. Applied one by one, a hundred members pushing at once each held
// a pooled connection while queueing for the lock, and each paid its own round trips inside it. Every member is still
// answered only after the commit that holds its ops, with the counts of its own ops.
import type { ApplyOutcome } from '../apply';
import type { OpRecord } from '../capture';
import { WireError } from '../net/httpBody';
import { opKey, type OpFate } from './pgApply';

/** One member's share of a batch: what became of the ops it sent. */
export interface PushShare {
  applied: number;
  duplicates: number;
  gaps: number;
  setAside: number;
}

export interface AppliedBatch<T> {
  outcome: ApplyOutcome;
  fates: ReadonlyMap<string, OpFate>;
  /** Whatever the store answers every member of the batch with (the hub's vector after the commit). */
  common: T;
}

interface Waiting<T> {
  ops: OpRecord[];
  resolve(answer: { share: PushShare; outcome: ApplyOutcome; common: T; first: boolean }): void;
  reject(error: unknown): void;
}

/** Ops taken into one batch at most (a push page alone may be larger and goes alone). */
export const BATCH_OPS = 2_000;

/** Each member's counts, from the fates of the batch's ops; an op two members sent counts once, for the first. */
export function sharesOf(pushes: readonly OpRecord[][], fates: ReadonlyMap<string, OpFate>, heldApplied: number): PushShare[] {
  const counted = new Set<string>();
  return pushes.map((ops, index) => {
    const share: PushShare = { applied: index === 0 ? heldApplied : 0, duplicates: 0, gaps: 0, setAside: 0 };
    for (const op of ops) {
      const key = opKey(op);
      const fate = counted.has(key) ? 'duplicate' : (fates.get(key) ?? 'duplicate');
      counted.add(key);
      if (fate === 'applied') share.applied++;
      else if (fate === 'duplicate') share.duplicates++;
      else if (fate === 'gap') share.gaps++;
      else share.setAside++;
    }
    return share;
  });
}

export class PushBatches<T> {
  private readonly queue: Waiting<T>[] = [];
  private running = false;

  /** `apply`: applies the ops (each once) in one transaction and commits; rejects when nothing was kept. */
  constructor(private readonly apply: (ops: OpRecord[]) => Promise<AppliedBatch<T>>) {}

  push(ops: OpRecord[]): Promise<{ share: PushShare; outcome: ApplyOutcome; common: T; first: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        let size = this.queue[0]!.ops.length;
        let count = 1;
        while (count < this.queue.length && size + this.queue[count]!.ops.length <= BATCH_OPS) size += this.queue[count++]!.ops.length;
        const batch = this.queue.splice(0, count);
        if (batch.length > 1) await this.runTogether(batch);
        else await this.runAlone(batch[0]!);
      }
    } finally {
      this.running = false;
    }
  }

  /** Applies the batch's ops, each once (the same op in two pushes, or twice in one, goes in once). */
  private applyOnce(batch: readonly Waiting<T>[]): Promise<AppliedBatch<T>> {
    const unique = new Map<string, OpRecord>();
    for (const { ops } of batch) for (const op of ops) if (!unique.has(opKey(op))) unique.set(opKey(op), op);
    return this.apply([...unique.values()]);
  }

  private async runTogether(batch: Waiting<T>[]): Promise<void> {
    let applied: AppliedBatch<T>;
    try {
      applied = await this.applyOnce(batch);
    } catch (error) {
      // The database gone fails them all now (each alone would wait for it in turn).
      if (error instanceof WireError && error.status === 503) return batch.forEach((waiting) => waiting.reject(error));
      // Nothing of the batch was kept: each push alone, so one that fails does not fail the others.
      for (const waiting of batch) await this.runAlone(waiting);
      return;
    }
    this.answer(batch, applied);
  }

  private async runAlone(waiting: Waiting<T>): Promise<void> {
    try {
      this.answer([waiting], await this.applyOnce([waiting]));
    } catch (error) {
      waiting.reject(error);
    }
  }

  private answer(batch: Waiting<T>[], applied: AppliedBatch<T>): void {
    let fromFates = 0;
    for (const fate of applied.fates.values()) if (fate === 'applied') fromFates++;
    const shares = sharesOf(
      batch.map((waiting) => waiting.ops),
      applied.fates,
      applied.outcome.applied - fromFates,
    );
    batch.forEach((waiting, index) => waiting.resolve({ share: shares[index]!, outcome: applied.outcome, common: applied.common, first: index === 0 }));
  }
}
