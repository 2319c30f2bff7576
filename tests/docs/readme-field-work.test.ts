// What the README says about parts taken out and requested visits is what the app does (a newcomer's trial found the
// README promising a serial on every removed part, and "scheduling rules" for a request that is only a proposal).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startDomainApp, type DomainFixture } from '../domain/fixtures';
import { versionOf } from '../support/versions';

const readme = readFileSync(path.resolve('README.md'), 'utf8').replace(/\s+/g, ' ');
const AT = '2030-01-07T09:00:00.000Z';

let f: DomainFixture;
let ticketId: string;

beforeAll(async () => {
  f = await startDomainApp();
  ticketId = (await f.admin.call('tickets.create', { title: 'Bomba de calor ruidosa', customerId: f.customerId })).id;
});
afterAll(() => f.app.close());

describe('README: a part taken out', () => {
  it('says the serial is there when the part has one, and a removed part without a serial is accepted', async () => {
    expect(readme).toContain('*Retirado* (equipment taken out, with its serial, when it has one)');
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
    const after = await f.admin.call('workOrders.addItem', { id: wo.id, version: await versionOf(f.admin, 'workOrder', wo.id), description: 'Bomba vieja', quantity: 1, direction: 'removed' });
    expect(after.items.map((item) => [item.description, item.direction, item.serialNumber])).toEqual([['Bomba vieja', 'removed', null]]);
  });
});

describe('README: a visit requested with a date and a technician', () => {
  it('says the proposal is checked against the technician’s visits and the OT waits in Por planificar', async () => {
    expect(readme).toContain('A visit requested with a date and technician is only a proposal');
    expect(readme).toContain('the OT waits in *Por planificar* until someone schedules it');
    expect(readme).not.toContain('Scheduling (and a visit requested with a date and technician) follows');

    const booked = await f.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
    await f.admin.call('workOrders.schedule', { id: booked.id, version: await versionOf(f.admin, 'workOrder', booked.id), technicianId: f.tec1.id, scheduledDate: AT, estimatedMinutes: 60 });
    const clash = await errorOf(f.admin, 'workOrders.requestVisit', { ticketId, otType: 'repair', technicianId: f.tec1.id, scheduledDate: AT });
    expect(clash.details?.reason).toBe('double_booked');
    const proposed = await f.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair', technicianId: f.tec1.id, scheduledDate: AT, confirmOverlap: true });
    expect([proposed.status, proposed.technician?.id, proposed.scheduledDate]).toEqual(['pending_planning', f.tec1.id, AT]);
  });
});
