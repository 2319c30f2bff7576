// SLA rows are derived and local (never ops), yet two copies that exchanged their ops hold the same ticket_sla:
// the merge refreshes the clocks of the tickets it touched, and a change of targets on one copy recomputes all on the other.
import type Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { syncDigest } from '../../electron/services/sync/digest';
import { DEFAULT_SLA_TARGETS } from '../../shared/sla';
import { settingsVersions } from '../support/versions';
import { HOUR, later, meet, startTeam } from './scenarioTeam';
import { removeTempDirs } from '../db/helpers';

afterAll(removeTempDirs);

const slaRows = (sqlite: Database.Database) => sqlite.prepare('SELECT * FROM ticket_sla ORDER BY ticket_id').all();

it('two copies converge to the same SLA state after exchanging ops', async () => {
  const { office, members } = await startTeam(1);
  const laptop = members[0]!;
  try {
    const ticket = await office.admin.call('tickets.create', { title: 'Caldera sin presión', priority: 'high' });
    meet(office, laptop);
    // Offline on both: the laptop takes it and puts it En espera; the office logs a call and raises the priority.
    await later(laptop, HOUR);
    let onLaptop = await laptop.admin.call('tickets.get', { id: ticket.id });
    onLaptop = await laptop.admin.call('tickets.changeStatus', { id: ticket.id, version: onLaptop.version, status: 'in_progress' });
    await later(laptop, HOUR);
    await laptop.admin.call('tickets.changeStatus', { id: ticket.id, version: onLaptop.version, status: 'waiting' });
    await later(office, 30 * 60_000);
    await office.admin.call('tickets.addContact', { id: ticket.id, channel: 'phone', summary: 'Llamada del cliente' });
    const onOffice = await office.admin.call('tickets.get', { id: ticket.id });
    await office.admin.call('tickets.update', { id: ticket.id, version: onOffice.version, priority: 'critical' });
    meet(office, laptop);
    expect(syncDigest(laptop.backend.database.sqlite)).toBe(syncDigest(office.backend.database.sqlite));
    const rows = slaRows(office.backend.database.sqlite);
    expect(rows).toHaveLength(1);
    expect(slaRows(laptop.backend.database.sqlite)).toEqual(rows);
    expect(rows[0]).toMatchObject({ response_target: DEFAULT_SLA_TARGETS.critical.responseMinutes, response_outcome: 'met' });
    // Targets changed on the office: the laptop recomputes when the op arrives.
    await office.admin.call('settings.update', {
      versions: await settingsVersions(office.admin),
      slaTargets: { ...DEFAULT_SLA_TARGETS, critical: { responseMinutes: 10, resolutionMinutes: 100 } },
    });
    meet(office, laptop);
    const after = slaRows(laptop.backend.database.sqlite);
    expect(after).toEqual(slaRows(office.backend.database.sqlite));
    expect(after[0]).toMatchObject({ response_target: 10, resolution_target: 100 });
    // At the same instant both copies show the same state through the list (a paused clock that used up its target: breached).
    await later(office, laptop.clock.now().getTime() - office.clock.now().getTime());
    const state = async (app: typeof office) => (await app.admin.call('tickets.list', {})).items[0]?.sla;
    expect(await state(laptop)).toEqual(await state(office));
    expect(await state(office)).toMatchObject({ kind: 'resolution', state: 'breached', since: null });
  } finally {
    laptop.close();
    office.close();
  }
});
