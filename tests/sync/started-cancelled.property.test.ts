// A start and a cancel of one OT made offline on different copies, in any mix with completes, closes and cancels,
// exchanged in any order: every copy ends with the same OT, the same digest and the same conflict records, and a
// started_ot_cancelled record exactly when the OT ended cancelled with a start its canceller had not seen.
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs } from '../db/helpers';
import type { TestApp } from '../support/backend';
import { decideOpenWorkOrders } from '../support/closeDecisions';
import { dispatched, HOUR, later, meet, meetAll, signIn, startTeam } from './scenarioTeam';

afterAll(removeTempDirs);

type Move = 'nothing' | 'start' | 'start_complete' | 'cancel' | 'close_cancelling';
const MOVES: readonly Move[] = ['nothing', 'start', 'start_complete', 'cancel', 'close_cancelling'];

const conflictsOf = (app: TestApp) =>
  app.backend.database.sqlite.prepare('SELECT id, kind, entity, row_id, field, detail FROM sync_conflicts ORDER BY id').all() as { kind: string }[];

it('copies that start, complete and cancel one OT offline agree, with a record for a start the cancel had not seen', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(fc.constantFrom(...MOVES), fc.constantFrom(...MOVES), fc.constantFrom(...MOVES)),
      fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 0, maxLength: 5 }),
      async (moves, meetings) => {
        const { f, office, members } = await startTeam(2);
        const copies = [office, ...members];
        try {
          const { ticket, workOrder } = await dispatched(f, f.tec1.id);
          meetAll(copies);
          const started = new Set<number>();
          for (const [index, move] of moves.entries()) {
            const app = copies[index]!;
            await later(app, HOUR * (index + 1));
            if (move === 'start' || move === 'start_complete') {
              const technician = await signIn(app, 'tec1');
              const ot = await technician.call('workOrders.start', { id: workOrder.id, version: workOrder.version });
              started.add(index);
              if (move === 'start_complete') await technician.call('workOrders.complete', { id: ot.id, version: ot.version, workDone: 'Hecho' });
            } else if (move === 'cancel') {
              await app.admin.call('workOrders.cancel', { id: workOrder.id, version: workOrder.version, reason: 'No hace falta' });
            } else if (move === 'close_cancelling') {
              const seen = await app.admin.call('tickets.get', { id: ticket.id });
              await app.admin.call('tickets.close', { id: ticket.id, version: seen.version, resolution: 'Resuelto', workOrders: decideOpenWorkOrders(seen, { reason: 'No hace falta' }) });
            }
          }
          for (const [a, b] of meetings) if (a !== b) meet(copies[a]!, copies[b]!);
          meetAll(copies);

          const statuses = await Promise.all(copies.map(async (app) => (await app.admin.call('workOrders.get', { id: workOrder.id })).status));
          expect(new Set(statuses).size).toBe(1);
          expect(new Set(copies.map((app) => syncDigest(app.backend.database.sqlite))).size).toBe(1);
          const records = conflictsOf(office);
          for (const app of members) expect(conflictsOf(app)).toEqual(records);
          const cancelled = moves.some((move) => move === 'cancel' || move === 'close_cancelling');
          const completed = moves.includes('start_complete');
          // Every move was made offline from the same scheduled OT: any start is one the cancels had not seen.
          const expected = cancelled && started.size > 0 && !completed ? 1 : 0;
          expect(records.filter((record) => record.kind === 'started_ot_cancelled')).toHaveLength(expected);
          expect(statuses[0]).toBe(completed ? 'completed' : cancelled ? 'cancelled' : started.size > 0 ? 'in_progress' : 'scheduled');
        } finally {
          for (const app of copies) app.close();
        }
      },
    ),
    { numRuns: Number(process.env.SYNC_RUNS ?? 12), seed: 2026_12_06 },
  );
}, 300_000);
