// Named team-sync scenarios (issue #12): real copies on real files that work offline, meet, and must agree.
// Each ends with the exact outcome asserted on every copy and one digest for all of them.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConflictDto } from '../../electron/contract/conflicts';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs } from '../db/helpers';
import type { TestApp } from '../support/backend';
import { dispatched, HOUR, later, meet, meetAll, signIn, startTeam } from './scenarioTeam';
import { opsSetAside } from './support';
import { versionOf } from '../support/versions';
import { decideOpenWorkOrders } from '../support/closeDecisions';

const open: TestApp[] = [];

afterEach(() => {
  for (const app of open.splice(0)) app.close();
});
afterAll(removeTempDirs);

const sqliteOf = (app: TestApp) => app.backend.database.sqlite;
const digestOf = (app: TestApp) => syncDigest(sqliteOf(app));

async function team(extra: number) {
  const made = await startTeam(extra);
  open.push(made.office, ...made.members);
  return made;
}

function expectConverged(apps: TestApp[]): void {
  const digests = apps.map(digestOf);
  expect(new Set(digests).size, 'one digest for every copy').toBe(1);
}

async function conflictsOn(app: TestApp, status: 'open' | 'resolved' | 'all' = 'all'): Promise<ConflictDto[]> {
  return app.admin.call('conflicts.list', { status });
}

/** What must be equal across copies: ids, kinds, status and the decision, not local first-seen times. */
const comparable = (list: ConflictDto[]) =>
  list.map((conflict) => ({ id: conflict.id, kind: conflict.kind, status: conflict.status, choice: conflict.resolution?.choice ?? null })).sort((a, b) => a.id.localeCompare(b.id));

describe('two people edit one ticket title offline', () => {
  it('ends with the later title everywhere and one concurrent_edit conflict listing both values, resolved everywhere once resolved on one copy', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const ticket = await f.admin.call('tickets.create', { title: 'Impresora no imprime', customerId: f.customerId });
    meet(office, laptop);

    // Offline: the office first, the laptop a minute later.
    const atOffice = await office.admin.call('tickets.get', { id: ticket.id });
    await office.admin.call('tickets.update', { id: ticket.id, version: atOffice.version, title: 'Impresora HP no imprime' });
    laptop.clock.advance(60_000);
    const supervisorOnLaptop = laptop.admin;
    const atLaptop = await supervisorOnLaptop.call('tickets.get', { id: ticket.id });
    await supervisorOnLaptop.call('tickets.update', { id: ticket.id, version: atLaptop.version, title: 'Impresora sin tóner' });

    meet(office, laptop);
    for (const app of [office, laptop]) {
      expect((await app.admin.call('tickets.get', { id: ticket.id })).title).toBe('Impresora sin tóner');
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts).toHaveLength(1);
      const conflict = conflicts[0]!;
      if (conflict.kind !== 'concurrent_edit') throw new Error(`unexpected ${conflict.kind}`);
      expect(conflict).toMatchObject({ entity: 'ticket', field: 'title', rowId: ticket.id, original: 'Impresora no imprime', exists: true });
      expect(conflict.values.map((value) => [value.value, value.deviceName, value.userName, value.current])).toEqual([
        ['Impresora HP no imprime', 'Oficina', 'Ana Administradora', false],
        ['Impresora sin tóner', 'Portátil 2', 'Ana Administradora', true],
      ]);
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);

    const [conflict] = await conflictsOn(office, 'open');
    if (conflict?.kind !== 'concurrent_edit') throw new Error('no conflict');
    const resolved = await office.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'choose', hlc: conflict.values[0]!.hlc } });
    expect(resolved.status).toBe('resolved');

    meet(office, laptop);
    for (const app of [office, laptop]) {
      expect((await app.admin.call('tickets.get', { id: ticket.id })).title).toBe('Impresora HP no imprime');
      expect(await conflictsOn(app, 'open')).toEqual([]);
      const [done] = await conflictsOn(app, 'resolved');
      expect(done?.resolution).toMatchObject({ resolvedBy: { fullName: 'Ana Administradora' }, choice: { action: 'choose', value: 'Impresora HP no imprime' } });
    }
    expectConverged([office, laptop]);
  });
});

describe('the office cancels an OT that the technician completed offline', () => {
  it('ends completed everywhere with both timeline events kept', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const { ticket, workOrder } = await dispatched(f, f.tec1.id);
    meet(office, laptop);

    await later(laptop, HOUR);
    const technician = await signIn(laptop, 'tec1');
    const started = await technician.call('workOrders.start', { id: workOrder.id, version: workOrder.version });
    await technician.call('workOrders.complete', { id: workOrder.id, version: started.version, workDone: 'Cambiada la fuente' });
    // The office decides later (a later clock) that the visit is not needed: its cancel still loses.
    await later(office, 2 * HOUR);
    await office.admin.call('workOrders.cancel', { id: workOrder.id, version: workOrder.version, reason: 'El cliente anuló la visita' });

    meet(office, laptop);
    for (const app of [office, laptop]) {
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect(detail.workOrders.map((w) => [w.id, w.status, w.workDone])).toEqual([[workOrder.id, 'completed', 'Cambiada la fuente']]);
      const otEvents = detail.timeline.filter((event) => event.metaData?.workOrderId === workOrder.id).map((event) => [event.eventType, event.metaData?.to]);
      expect(otEvents).toEqual(expect.arrayContaining([['ot_completed', 'completed'], ['ot_updated', 'cancelled']]));
      // The visit was made and is on record: nothing for a person to decide.
      expect(await conflictsOn(app)).toEqual([]);
    }
    expectConverged([office, laptop]);
  });
});

describe('the office closes a ticket cancelling its OT while the technician, offline, starts the visit', () => {
  it('stays cancelled everywhere, with one started_ot_cancelled conflict naming both and the work done; acknowledged on one copy, everywhere', async () => {
    const { f, office, members } = await team(2);
    const [laptop, third] = members as [TestApp, TestApp];
    const { ticket, workOrder } = await dispatched(f, f.tec1.id);
    meetAll([office, laptop, third]);

    // Offline, each unaware of the other: the technician starts and writes what was done; the office closes the
    // ticket, cancelling the OT.
    await later(laptop, HOUR);
    const technician = await signIn(laptop, 'tec1');
    const started = await technician.call('workOrders.start', { id: workOrder.id, version: workOrder.version });
    await technician.call('workOrders.setWorkDone', { id: workOrder.id, version: started.version, workDone: 'Revisado el presostato y reiniciada la bomba' });
    await later(office, 2 * HOUR);
    const atOffice = await office.admin.call('tickets.get', { id: ticket.id });
    await office.admin.call('tickets.close', { id: ticket.id, version: atOffice.version, resolution: 'El cliente lo resolvió', workOrders: decideOpenWorkOrders(atOffice, { reason: 'Ya no hace falta' }) });

    // The third copy hears of the cancel first (from the office), of the start later: the same record either way.
    meet(office, third);
    meet(laptop, third);
    meetAll([office, laptop, third]);
    for (const app of [office, laptop, third]) {
      expect((await app.admin.call('workOrders.get', { id: workOrder.id })).status).toBe('cancelled');
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts.map((conflict) => conflict.kind)).toEqual(['started_ot_cancelled']);
      expect(conflicts[0]).toMatchObject({
        ticket: { id: ticket.id, status: 'closed' },
        workOrder: { id: workOrder.id, status: 'cancelled', workDone: 'Revisado el presostato y reiniciada la bomba', cancelReason: 'Ya no hace falta' },
        started: { deviceName: 'Portátil 2' },
        cancelled: { userName: 'Ana Administradora', deviceName: 'Oficina' },
      });
    }
    expect(comparable(await conflictsOn(laptop))).toEqual(comparable(await conflictsOn(office)));
    expect(comparable(await conflictsOn(third))).toEqual(comparable(await conflictsOn(office)));
    expectConverged([office, laptop, third]);

    const [conflict] = await conflictsOn(third, 'open');
    await third.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'acknowledge', note: 'Se factura la visita' } });
    meetAll([office, laptop, third]);
    for (const app of [office, laptop, third]) {
      expect(await conflictsOn(app, 'open')).toEqual([]);
      expect((await conflictsOn(app, 'resolved')).map((c) => [c.id, c.resolution?.choice.action, c.resolution?.note])).toEqual([[conflict!.id, 'acknowledge', 'Se factura la visita']]);
    }
    expectConverged([office, laptop, third]);
  });

  it('a cancel made after the start was seen is no conflict', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const { workOrder } = await dispatched(f, f.tec1.id);
    meet(office, laptop);
    const technician = await signIn(laptop, 'tec1');
    await technician.call('workOrders.start', { id: workOrder.id, version: workOrder.version });
    meet(office, laptop);
    await later(office, HOUR);
    const seen = await office.admin.call('workOrders.get', { id: workOrder.id });
    await office.admin.call('workOrders.cancel', { id: workOrder.id, version: seen.version, reason: 'El cliente no estaba' });
    meet(office, laptop);
    for (const app of [office, laptop]) {
      expect((await app.admin.call('workOrders.get', { id: workOrder.id })).status).toBe('cancelled');
      expect(await conflictsOn(app)).toEqual([]);
    }
    expectConverged([office, laptop]);
  });
});

describe('two offline laptops create tickets the same minute', () => {
  it('keeps both tickets everywhere, with distinct ids and codes', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const fromOffice = await office.admin.call('tickets.create', { title: 'Router caído', customerId: f.customerId });
    const fromLaptop = await laptop.admin.call('tickets.create', { title: 'Router caído', customerId: f.customerId });
    expect(fromLaptop.id).not.toBe(fromOffice.id);
    // Each member writes codes only in its own slot: TK-YYYY-SSNNNN.
    expect(fromOffice.code).toMatch(/^TK-\d{4}-01\d{4}$/);
    expect(fromLaptop.code).toMatch(/^TK-\d{4}-02\d{4}$/);

    meet(office, laptop);
    for (const app of [office, laptop]) {
      const page = await app.admin.call('tickets.list', { limit: 50 });
      expect(page.items.map((t) => [t.id, t.code]).sort()).toEqual(
        [
          [fromOffice.id, fromOffice.code],
          [fromLaptop.id, fromLaptop.code],
        ].sort(),
      );
    }
    expect(await conflictsOn(office)).toEqual([]);
    expectConverged([office, laptop]);
  });
});

describe('a serial logged on two laptops', () => {
  it('becomes one duplicate_serial conflict on every copy', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const first = await dispatched(f, f.tec1.id, 'Router de la recepción');
    const second = await dispatched(f, f.tec2.id, 'Router del almacén');
    meet(office, laptop);

    await f.tec1.caller.call('workOrders.addItem', { id: first.workOrder.id, version: await versionOf(f.tec1.caller, 'workOrder', first.workOrder.id), productId: f.serialProductId, serialNumber: 'SN-777' });
    const tec2 = await signIn(laptop, 'tec2');
    await tec2.call('workOrders.addItem', { id: second.workOrder.id, version: await versionOf(tec2, 'workOrder', second.workOrder.id), productId: f.serialProductId, serialNumber: 'sn-777' });
    expect(await conflictsOn(office)).toEqual([]);

    meet(office, laptop);
    for (const app of [office, laptop]) {
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts).toHaveLength(1);
      const conflict = conflicts[0]!;
      if (conflict.kind !== 'duplicate_serial') throw new Error(`unexpected ${conflict.kind}`);
      expect(conflict.items.map((item) => [item.workOrder?.code, item.ticket?.title, item.serialNumber, item.productName, item.logged.userName, item.logged.deviceName]).sort()).toEqual(
        [
          [first.workOrder.code, 'Router de la recepción', 'SN-777', 'Router industrial', 'Tomás Técnico', 'Oficina'],
          [second.workOrder.code, 'Router del almacén', 'sn-777', 'Router industrial', 'Teresa Técnica', 'Portátil 2'],
        ].sort(),
      );
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);
  });
});

describe('a serial reused and a customer name repeated on purpose', () => {
  it('raises nothing when one copy made them one after the other (or saw the first before), one conflict on every copy when two made them offline', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const orders = await Promise.all(['Router de la recepción', 'Router del almacén', 'Router de la oficina', 'Router del taller', 'Router de la tienda'].map((title) => dispatched(f, f.tec1.id, title)));
    // The office logs one part on two OTs (it moved to another customer; confirmed, as the form asks) and two branches of one customer.
    for (const { workOrder } of orders.slice(0, 2)) await f.tec1.caller.call('workOrders.addItem', { id: workOrder.id, version: await versionOf(f.tec1.caller, 'workOrder', workOrder.id), productId: f.serialProductId, serialNumber: 'SN-900', confirmSerialElsewhere: true });
    // The oldest of three branches renamed into the same name: the rename, too, saw the others.
    const renamed = await f.admin.call('customers.create', { name: 'Talleres Gómez Sur' });
    for (const contactName of ['Luis', 'Marta']) await f.admin.call('customers.create', { name: 'Talleres Gómez', contactName });
    await f.admin.call('customers.update', { id: renamed.id, version: await versionOf(f.admin, 'customer', renamed.id), name: 'TALLERES GOMEZ' });
    meet(office, laptop);
    // The laptop, having seen them, logs the part a third time.
    const technician = await signIn(laptop, 'tec1');
    await technician.call('workOrders.addItem', { id: orders[2]!.workOrder.id, version: await versionOf(technician, 'workOrder', orders[2]!.workOrder.id), productId: f.serialProductId, serialNumber: 'sn-900', confirmSerialElsewhere: true });
    meet(office, laptop);
    for (const app of [office, laptop]) expect(await conflictsOn(app)).toEqual([]);

    // Offline on both: the same new customer, and the part logged once more on each.
    await f.admin.call('customers.create', { name: 'Ferretería Luz', contactName: 'Oficina' });
    await laptop.admin.call('customers.create', { name: 'FERRETERIA LUZ', contactName: 'Portátil' });
    // (On OTs that do not have it yet: the same serial twice on one OT is refused before it is ever logged.)
    await f.tec1.caller.call('workOrders.addItem', { id: orders[3]!.workOrder.id, version: await versionOf(f.tec1.caller, 'workOrder', orders[3]!.workOrder.id), productId: f.serialProductId, serialNumber: 'SN-900', confirmSerialElsewhere: true });
    await technician.call('workOrders.addItem', { id: orders[4]!.workOrder.id, version: await versionOf(technician, 'workOrder', orders[4]!.workOrder.id), productId: f.serialProductId, serialNumber: 'SN-900', confirmSerialElsewhere: true });
    meet(office, laptop);
    for (const app of [office, laptop]) {
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts.map((conflict) => conflict.kind).sort()).toEqual(['duplicate_customer', 'duplicate_serial']);
      const customer = conflicts.find((conflict) => conflict.kind === 'duplicate_customer');
      if (customer?.kind !== 'duplicate_customer') throw new Error('no duplicate_customer');
      expect(customer.customers.map((c) => c.contactName).sort()).toEqual(['Oficina', 'Portátil']);
      const serial = conflicts.find((conflict) => conflict.kind === 'duplicate_serial');
      if (serial?.kind !== 'duplicate_serial') throw new Error('no duplicate_serial');
      // Only the two logged offline: the three logged in sight of each other stay out.
      expect(serial.items.map((item) => [item.workOrder?.id, item.logged.deviceName]).sort()).toEqual(
        [
          [orders[3]!.workOrder.id, 'Oficina'],
          [orders[4]!.workOrder.id, 'Portátil 2'],
        ].sort(),
      );
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);
  });
});

describe("a technician's laptop sends an op only an admin may make", () => {
  it('is kept aside as forbidden on the other copies, never applied, and leaves the honest digests alone', async () => {
    const { f, office, members } = await team(2);
    const [laptop, third] = members as [TestApp, TestApp];
    const { ticket } = await dispatched(f, f.tec1.id);
    meetAll([office, laptop, third]);
    const honest = digestOf(office);

    // Forged on the technician's own copy: a role change written under the technician's name.
    const sqlite = sqliteOf(laptop);
    sqlite.transaction(() => {
      sqlite.prepare(`UPDATE roles SET permissions = '["*"]', updated_at = ? WHERE name = 'Técnico'`).run(laptop.clock.now().toISOString());
      recordCapturedOps(sqlite, f.tec1.id, laptop.clock.now().getTime());
    })();

    const { toA } = meet(office, laptop);
    expect(toA.setAside).toEqual([expect.objectContaining({ reason: 'forbidden' })]);
    meet(office, third);
    for (const app of [office, third]) {
      expect(opsSetAside(sqliteOf(app))).toEqual([expect.objectContaining({ entity: 'roles', status: 'forbidden' })]);
      const roles = await app.admin.call('roles.list', {});
      expect(roles.find((role) => role.name === 'Técnico')?.permissions).not.toContain('*');
      expect(digestOf(app), 'the honest state did not move').toBe(honest);
    }
    expect(digestOf(laptop)).not.toBe(honest);

    // What the technician does honestly afterwards still travels, relayed through the office.
    const technician = await signIn(laptop, 'tec1');
    await technician.call('tickets.addNote', { id: ticket.id, content: 'Llevo el router de repuesto' });
    meet(laptop, office);
    meet(office, third);
    for (const app of [office, third]) {
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect(detail.timeline.map((event) => event.content)).toContain('Llevo el router de repuesto');
      expect(opsSetAside(sqliteOf(app))).toHaveLength(1);
    }
    expect(digestOf(third)).toBe(digestOf(office));
  });
});

describe('a member with a clock a day and an hour fast', () => {
  it('has its ops set aside as future, does not drag the others’ clocks, and applies once their clocks catch up', async () => {
    const { f, office, members } = await team(2);
    const [laptop, fast] = members as [TestApp, TestApp];
    await later(fast, 25 * HOUR);
    const ticket = await fast.admin.call('tickets.create', { title: 'Pantalla rota', customerId: f.customerId });

    const { toA } = meet(office, fast);
    expect(toA.setAside.length).toBeGreaterThan(0);
    expect(new Set(toA.setAside.map((op) => op.reason))).toEqual(new Set(['future']));
    meet(office, laptop);
    for (const app of [office, laptop]) {
      expect(opsSetAside(sqliteOf(app)).every((op) => op.status === 'future')).toBe(true);
      expect(await app.admin.failure('tickets.get', { id: ticket.id })).toBe('NOT_FOUND');
      const { last_hlc } = sqliteOf(app).prepare('SELECT last_hlc FROM sync_local WHERE id = 1').get() as { last_hlc: string };
      // Not dragged a day ahead (a joined copy's baseline carries the real time of its join, a moment after its TestClock).
      expect(Date.parse(last_hlc.slice(0, 24))).toBeLessThan(app.clock.now().getTime() + 60_000);
    }

    // Two hours later the fast stamps are less than a day ahead: the next meeting applies them.
    for (const app of [office, laptop]) await later(app, 2 * HOUR);
    meetAll([office, laptop, fast]);
    for (const app of [office, laptop]) {
      expect(opsSetAside(sqliteOf(app))).toEqual([]);
      expect((await app.admin.call('tickets.get', { id: ticket.id })).title).toBe('Pantalla rota');
    }
    expectConverged([office, laptop, fast]);
  });
});

describe('the office closes a ticket while a laptop, offline, requests a new visit', () => {
  it('shows closed_ticket_open_ot on every copy; completing the OT clears it everywhere', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const { ticket } = await dispatched(f, f.tec1.id);
    meet(office, laptop);

    const atOffice = await office.admin.call('tickets.get', { id: ticket.id });
    const workOrders = decideOpenWorkOrders(atOffice, { workDone: 'Router reiniciado en la visita' });
    await office.admin.call('tickets.close', { id: ticket.id, version: atOffice.version, resolution: 'Resuelto por teléfono', workOrders });
    await later(laptop, HOUR);
    const revisit = await laptop.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance' });

    meet(office, laptop);
    for (const app of [office, laptop]) {
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect(detail.status).toBe('closed');
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'closed_ticket_open_ot',
        ticket: { id: ticket.id, code: ticket.code, status: 'closed', resolution: 'Resuelto por teléfono' },
        closed: { userName: 'Ana Administradora', deviceName: 'Oficina' },
        workOrder: { id: revisit.id, code: revisit.code, status: 'pending_planning' },
        opened: { userName: 'Ana Administradora', deviceName: 'Portátil 2' },
      });
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);

    const [conflict] = await conflictsOn(laptop, 'open');
    await laptop.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'complete', notes: 'Mantenimiento hecho en la misma visita' } });
    meet(office, laptop);
    for (const app of [office, laptop]) {
      const workOrder = await app.admin.call('workOrders.get', { id: revisit.id });
      expect([workOrder.status, workOrder.workDone]).toEqual(['completed', 'Mantenimiento hecho en la misma visita']);
      expect(await conflictsOn(app, 'open')).toEqual([]);
      expect((await conflictsOn(app, 'resolved')).map((c) => [c.id, c.resolution?.choice.action])).toEqual([[conflict!.id, 'complete']]);
    }
    expectConverged([office, laptop]);
  });
});

describe('the office closes an open ticket while a laptop, offline, requests a visit (which moves it to in_progress)', () => {
  it('shows one ticket_close_undone conflict on every copy; resolving it with close closes the ticket again everywhere', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const ticket = await f.admin.call('tickets.create', { title: 'Impresora no imprime', customerId: f.customerId });
    meet(office, laptop);

    const atOffice = await office.admin.call('tickets.get', { id: ticket.id });
    const closed = await office.admin.call('tickets.close', { id: ticket.id, version: atOffice.version, resolution: 'Resuelto por teléfono' });
    await later(laptop, HOUR);
    await laptop.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    expect(await conflictsOn(office)).toEqual([]);

    meet(office, laptop);
    for (const app of [office, laptop]) {
      // Per field the later writer won: the laptop's status, the office's close time and resolution.
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect([detail.status, detail.resolution, detail.closedAt]).toEqual(['in_progress', 'Resuelto por teléfono', closed.closedAt]);
      const conflicts = await conflictsOn(app, 'open');
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'ticket_close_undone',
        ticket: { id: ticket.id, code: ticket.code, status: 'in_progress', resolution: 'Resuelto por teléfono', closedAt: closed.closedAt },
        close: { resolution: 'Resuelto por teléfono', closedAt: closed.closedAt },
        closed: { userName: 'Ana Administradora', deviceName: 'Oficina' },
        changed: { userName: 'Ana Administradora', deviceName: 'Portátil 2', from: 'open', to: 'in_progress' },
      });
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);

    const [conflict] = await conflictsOn(laptop, 'open');
    await laptop.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'close' } });
    meet(office, laptop);
    for (const app of [office, laptop]) {
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect([detail.status, detail.resolution]).toEqual(['closed', 'Resuelto por teléfono']);
      const all = await conflictsOn(app, 'all');
      expect(all.filter((c) => c.kind === 'ticket_close_undone').map((c) => [c.id, c.status, c.resolution?.choice])).toEqual([[conflict!.id, 'resolved', { action: 'close' }]]);
      // Closed again with the visit still open: the closed-ticket conflict asks about the OT.
      expect((await conflictsOn(app, 'open')).map((c) => c.kind)).toEqual(['closed_ticket_open_ot']);
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);
  });

  it('two opposite decisions on it made offline (keep open here, close there) still converge (no op waits forever on the closed-needs-resolution check)', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
    meet(office, laptop);
    const atOffice = await office.admin.call('tickets.get', { id: ticket.id });
    await office.admin.call('tickets.close', { id: ticket.id, version: atOffice.version, resolution: 'Purgado el circuito' });
    await later(laptop, HOUR);
    await laptop.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    meet(office, laptop);
    const [conflict] = await conflictsOn(office, 'open');
    await later(office, HOUR);
    await office.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'close' } });
    await later(laptop, 2 * HOUR);
    await laptop.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'keep_open', reason: 'El cliente sigue sin agua caliente' } });
    meet(office, laptop);
    meet(office, laptop);
    // The office's close and the laptop's cleared resolution merge field by field into one row every copy holds.
    for (const app of [office, laptop]) {
      const detail = await app.admin.call('tickets.get', { id: ticket.id });
      expect([detail.status, detail.resolution, detail.closedAt]).toEqual(['closed', '', null]);
      // The visit the laptop requested is still open under the closed ticket: the inbox keeps the ticket in front of a person.
      expect((await conflictsOn(app, 'open')).map((c) => c.kind)).toEqual(['closed_ticket_open_ot']);
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    expectConverged([office, laptop]);
  });
});

describe('the office and a laptop, offline, merge the same duplicated customer picking opposite ones', () => {
  it('ends with exactly one customer on both, holding every ticket, one digest, nothing set aside', async () => {
    const { f, office, members } = await team(1);
    const laptop = members[0]!;
    const atOffice = await f.admin.call('customers.create', { name: 'Bar La Giralda', contactName: 'Manolo', phone: '954 000 111' });
    await f.admin.call('tickets.create', { title: 'Cámara no enfría', customerId: atOffice.id });
    const atLaptop = await laptop.admin.call('customers.create', { name: 'Bar La Giralda', contactName: 'Rocío', address: 'Calle Placentines 2' });
    await laptop.admin.call('tickets.create', { title: 'Grifo de cerveza gotea', customerId: atLaptop.id });
    meet(office, laptop);
    const [conflict] = await conflictsOn(office, 'open');
    expect(conflict?.kind).toBe('duplicate_customer');

    // Offline again: each copy keeps its own customer.
    await office.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'merge', keepId: atOffice.id } });
    await later(laptop, 60_000);
    await laptop.admin.call('conflicts.resolve', { id: conflict!.id, resolution: { action: 'merge', keepId: atLaptop.id } });
    meet(office, laptop);

    const survivor = [atOffice.id, atLaptop.id].sort()[0]!;
    for (const app of [office, laptop]) {
      const giralda = (await app.admin.call('customers.list', { q: 'Giralda' })).filter((c) => c.name === 'Bar La Giralda');
      expect(giralda.map((c) => c.id)).toEqual([survivor]);
      // The laptop picked a minute later: its details won; what its pick lacked (the phone) came from the other.
      expect([giralda[0]!.contactName, giralda[0]!.address, giralda[0]!.phone]).toEqual(['Rocío', 'Calle Placentines 2', '954 000 111']);
      const tickets = await app.admin.call('tickets.list', { customerId: survivor, limit: 50 });
      expect(tickets.items.map((t) => t.title).sort()).toEqual(['Cámara no enfría', 'Grifo de cerveza gotea']);
      expect(opsSetAside(sqliteOf(app))).toEqual([]);
    }
    expect(comparable(await conflictsOn(office))).toEqual(comparable(await conflictsOn(laptop)));
    // Both decisions are said, each with its computer (a trial's second decision went unmentioned on every copy).
    for (const app of [office, laptop]) {
      const [settled] = await conflictsOn(app, 'resolved');
      expect([settled?.resolution?.deviceName, settled?.resolution?.choice]).toEqual(['Oficina', { action: 'merge', keepId: atOffice.id }]);
      expect(settled?.laterResolutions.map((decision) => [decision.deviceName, decision.choice])).toEqual([['Portátil 2', { action: 'merge', keepId: atLaptop.id }]]);
    }
    expectConverged([office, laptop]);
  });
});
