// Team sync figures: how fast this copy applies other members' ops (the bundles' own cases join them later).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { applyRemoteOps, opsMissingFrom } from '../../electron/services/sync/apply';
import type { OpRecord } from '../../electron/services/sync/capture';

export interface SyncFigure {
  name: string;
  value: number;
  unit: string;
  budget: string;
  /** null: a figure for reference, with no budget of its own. */
  ok: boolean | null;
}

export const okMark = (ok: boolean | null): string => (ok === null ? '—' : ok ? '✓' : '✗');

/** The first `count` ops of the dataset's log (users, catalog, then whole tickets), in the order a bundle carries them. */
function firstOps(sqlite: Database.Database, count: number): OpRecord[] {
  const ops: OpRecord[] = [];
  for (const page of opsMissingFrom(sqlite, {}, 2000)) {
    ops.push(...page);
    if (ops.length >= count) break;
  }
  return ops.slice(0, count);
}

/** Ops per second applied into an empty copy (one transaction, as an import does); the median of three runs. */
export function measureApplyRate(sqlite: Database.Database, workDir: string, count = 40_000): SyncFigure {
  const ops = firstOps(sqlite, count);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const dir = path.join(workDir, `apply-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const target = openDatabase(path.join(dir, 'emerald.db'));
    try {
      const start = performance.now();
      const outcome = target.sqlite.transaction(() => applyRemoteOps(target.sqlite, ops, Date.now()))();
      const seconds = (performance.now() - start) / 1000;
      if (outcome.applied !== ops.length) throw new Error(`applied ${outcome.applied} of ${ops.length} ops: ${JSON.stringify(outcome.setAside.slice(0, 3))}`);
      rates.push(ops.length / seconds);
    } finally {
      target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = [...rates].sort((a, b) => a - b)[1] as number;
  return { name: `apply ${ops.length} ops into an empty copy`, value: Math.round(median), unit: 'ops/s', budget: '≥ 20000 ops/s', ok: median >= 20_000 };
}
