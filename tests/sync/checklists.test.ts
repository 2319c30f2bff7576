// Checklists across a team: the template travels as a setting, answers as one row per OT and item. Two laptops
// answering the same OT offline merge to one row per item (last writer wins per field), the same checklist on both,
// and the merged answers count for completing it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs } from '../db/helpers';
import { settingsVersions } from '../support/versions';
import { buildTeamSeed, exchange, memberOf, startTeamMember, type TeamMember, type TeamSeed } from './support';

const MINUTE = 60_000;
let seed: TeamSeed;
let members: TeamMember[] = [];

beforeAll(async () => {
  seed = await buildTeamSeed(2);
}, 60_000);

afterAll(() => {
  for (const member of members) member.close();
  removeTempDirs();
});

const answers = (member: TeamMember) =>
  member.sqlite.prepare('SELECT id, item_key, value, note FROM work_order_checklist_answers ORDER BY id').all() as { id: string; item_key: string; value: string | null; note: string | null }[];

it('two laptops answering one OT offline end with one row per item and the same checklist', async () => {
  const start = new Date(seed.startedAt.getTime() + MINUTE);
  const office = startTeamMember(seed, 0, start);
  const van = startTeamMember(seed, 1, start);
  members = [office, van];
  const admin = office.as('admin');
  await admin.call('settings.update', {
    versions: await settingsVersions(admin),
    checklistTemplates: {
      repair: [
        { key: 'pressure', label: 'Presión comprobada', kind: 'number', unit: 'bar', required: true },
        { key: 'leaks', label: 'Sin fugas', kind: 'check', required: true },
      ],
    },
  });
  const [visit] = (await admin.call('workOrders.list', { technicianId: seed.people.tec1 })).items;
  if (!visit) throw new Error('the seed has no OT for tec1');
  const scheduled = await admin.call('workOrders.schedule', { id: visit.id, version: visit.version, technicianId: seed.people.tec1, scheduledDate: new Date(start.getTime() + 60 * MINUTE).toISOString(), confirmOverlap: true });
  const started = await office.as('tec1').call('workOrders.start', { id: visit.id, version: scheduled.version });
  expect(exchange(memberOf(office), memberOf(van)).toB.setAside).toEqual([]);

  // Offline: the office corrects the pressure; on the van the technician answers both items, a minute later.
  office.clock.advance(MINUTE);
  await office.as('tec1').call('workOrders.answerChecklist', { id: visit.id, version: started.version, itemKey: 'pressure', value: 2.5 });
  van.clock.advance(2 * MINUTE);
  const vanVisit = await van.as('tec1').call('workOrders.get', { id: visit.id });
  const first = await van.as('tec1').call('workOrders.answerChecklist', { id: visit.id, version: vanVisit.version, itemKey: 'pressure', value: 3 });
  await van.as('tec1').call('workOrders.answerChecklist', { id: visit.id, version: first.version, itemKey: 'leaks', value: true, note: 'Revisado con espuma' });

  const { toA, toB } = exchange(memberOf(office), memberOf(van));
  expect([...toA.setAside, ...toB.setAside]).toEqual([]);
  expect(answers(office)).toEqual(answers(van));
  expect(answers(office).map((row) => [row.id, row.value])).toEqual([
    [`${visit.id}:leaks`, 'true'],
    [`${visit.id}:pressure`, '3'],
  ]);
  expect(syncDigest(office.sqlite)).toBe(syncDigest(van.sqlite));
  const onVan = await van.as('admin').call('workOrders.checklist', { id: visit.id });
  expect(await office.as('admin').call('workOrders.checklist', { id: visit.id })).toEqual(onVan);
  expect(onVan.counts).toMatchObject({ answered: 2, missingRequired: [] });

  // The merged answers count: the office completes the OT.
  const now = await office.as('tec1').call('workOrders.get', { id: visit.id });
  const done = await office.as('tec1').call('workOrders.complete', { id: visit.id, version: now.version, workDone: 'Válvula cambiada' });
  expect(done.status).toBe('completed');
});
