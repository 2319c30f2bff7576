// The README's technician login has visits on Mi día today in every demo: with eight technicians a day's draw could
// give tecnico1 no planned visit at all (an English trial signed in on a Sunday and found nothing to do).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { generateDemoData } from '../../scripts/demo/generate';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** tecnico1's planned visits on the demo's own day, and how many planned visits the demo made in all. */
async function plannedToday(seed: number, now: Date): Promise<{ tecnico1Today: number; planned: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-demo-'));
  dirs.push(dir);
  const database = openDatabase(path.join(dir, 'emerald.db'));
  const { sqlite } = database;
  try {
    await generateDemoData(sqlite, { tickets: 120, technicians: 8, seed, now });
    const count = (sql: string) => (sqlite.prepare(sql).get(now.toISOString().slice(0, 10)) as { n: number }).n;
    return {
      tecnico1Today: count(
        `SELECT count(*) AS n FROM work_orders w JOIN users u ON u.id = w.technician_id
         WHERE u.username = 'tecnico1' AND w.status = 'scheduled' AND substr(w.scheduled_date, 1, 10) = ?`,
      ),
      planned: count("SELECT count(*) AS n FROM work_orders WHERE status = 'scheduled' AND ? IS NOT NULL"),
    };
  } finally {
    database.close();
  }
}

describe('the demo’s first technician', () => {
  it('has three visits planned today with eight technicians, whatever the seed', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { tecnico1Today, planned } = await plannedToday(seed, new Date('2026-12-06T14:00:00Z'));
      expect({ seed, tecnico1Today }).toEqual({ seed, tecnico1Today: Math.min(3, planned) });
    }
  });
});
