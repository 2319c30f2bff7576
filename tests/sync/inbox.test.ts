// The conflict inbox (conflicts.list / conflicts.resolve): what it shows of each kind, every resolution action,
// the refusals, who may use it, and the events it sends. One team of two copies with conflicts of every kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import type {
  ClosedTicketOpenOtConflictDto,
  ConcurrentEditConflictDto,
  DuplicateCustomerConflictDto,
  DuplicateSerialConflictDto,
  TicketCloseUndoneConflictDto,
} from '../../electron/contract/conflicts';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs } from '../db/helpers';
import { errorOf, type DomainFixture } from '../domain/fixtures';
import type { Caller, TestApp } from '../support/backend';
import { dispatched, HOUR, later, meet, signIn, startTeam } from './scenarioTeam';
import { opsSetAside } from './support';
import { versionOf } from '../support/versions';
import { decideOpenWorkOrders } from '../support/closeDecisions';
import { DEFAULT_WORK_ORDER_MINUTES } from '../../electron/contract/estimatedMinutes';

let f: DomainFixture;
let office: TestApp;
let laptop: TestApp;
let agent: Caller;
let supervisor: Caller;
const ids: Record<string, string> = {};

/** The same text field edited on both copies from one base; the laptop edits a minute later. */
async function editedTwice(edit: (app: TestApp, value: string) => Promise<unknown>, officeValue: string, laptopValue: string): Promise<void> {
  await edit(office, officeValue);
  await edit(laptop, laptopValue);
}

beforeAll(async () => {
  const team = await startTeam(1);
  ({ f, office } = team);
  laptop = team.members[0]!;
  agent = (await office.userWithRole('Agente', 'agent1', 'Alba Agente')).caller;
  supervisor = (await office.userWithRole('Supervisor', 'sup1', 'Sergio Supervisor')).caller;
  const admin = f.admin;

  const titled = await admin.call('tickets.create', { title: 'Impresora no imprime', description: 'Atasco de papel', customerId: f.customerId });
  const toClose = await admin.call('tickets.create', { title: 'Cambio de tóner' });
  const noted = await dispatched(f, f.tec1.id, 'Router de la sala');
  const closed = await Promise.all(['Ticket a completar', 'Ticket a cancelar', 'Ticket a reabrir'].map((title) => dispatched(f, f.tec1.id, title)));
  const serialA = await dispatched(f, f.tec1.id, 'Router A');
  const serialB = await dispatched(f, f.tec1.id, 'Router B');
  const undone = await Promise.all(['Cierre a confirmar', 'Cierre a deshacer', 'Cierre arreglado a mano'].map((title) => admin.call('tickets.create', { title })));
  undone.forEach((ticket, index) => (ids[`undone${index}`] = ticket.id));
  Object.assign(ids, { titled: titled.id, toClose: toClose.id, noted: noted.workOrder.id, serialA: serialA.workOrder.id, serialB: serialB.workOrder.id });
  closed.forEach(({ ticket }, index) => (ids[`closed${index}`] = ticket.id));
  meet(office, laptop);
  await later(laptop, 60_000);

  const ticketEdit = (field: 'title' | 'description') => async (app: TestApp, value: string) => {
    const current = await app.admin.call('tickets.get', { id: titled.id });
    await app.admin.call('tickets.update', { id: titled.id, version: current.version, [field]: value });
  };
  await editedTwice(ticketEdit('title'), 'Impresora HP no imprime', 'Impresora sin tóner');
  await editedTwice(ticketEdit('description'), 'Atasco en la bandeja 2', 'Atasco y ruido al imprimir');
  await editedTwice(
    async (app, resolution) => {
      const current = await app.admin.call('tickets.get', { id: toClose.id });
      await app.admin.call('tickets.close', { id: toClose.id, version: current.version, resolution });
    },
    'Tóner cambiado',
    'Tóner y tambor cambiados',
  );
  await editedTwice(
    async (app, notes) => {
      const current = await app.admin.call('workOrders.get', { id: noted.workOrder.id });
      await app.admin.call('workOrders.updateNotes', { id: noted.workOrder.id, version: current.version, notes });
    },
    'Llevar router de repuesto',
    'Llamar antes de ir',
  );
  // The work done is an OT text of its own (issue 15): its conflict is resolved into work_done, never into the notes.
  await editedTwice(
    async (app, workDone) => {
      const current = await app.admin.call('workOrders.get', { id: noted.workOrder.id });
      await app.admin.call('workOrders.setWorkDone', { id: noted.workOrder.id, version: current.version, workDone });
    },
    'Cambiado el router',
    'Cambiado el router y la fuente',
  );
  await editedTwice(async (app, address) => app.admin.call('customers.update', { id: f.customerId, version: await versionOf(app.admin, 'customer', f.customerId), address }), 'Calle Mayor 1', 'Calle Mayor 1, 2º B');
  await editedTwice(async (app, description) => app.admin.call('products.update', { id: f.serialProductId, version: await versionOf(app.admin, 'product', f.serialProductId), description }), 'Router de carril DIN', 'Router 4G de carril DIN');
  for (const { ticket } of closed) {
    const current = await office.admin.call('tickets.get', { id: ticket.id });
    const workOrders = decideOpenWorkOrders(current, { workDone: 'Revisado en la visita' });
    await office.admin.call('tickets.close', { id: ticket.id, version: current.version, resolution: 'Resuelto por teléfono', workOrders });
    const revisit = await laptop.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance' });
    ids[`revisit:${ticket.id}`] = revisit.id;
  }
  // Closed at the office; on the laptop, offline and later, the same tickets were moved to in_progress.
  for (const ticket of undone) {
    const current = await office.admin.call('tickets.get', { id: ticket.id });
    await office.admin.call('tickets.close', { id: ticket.id, version: current.version, resolution: 'Solucionado en remoto' });
    await laptop.admin.call('tickets.changeStatus', { id: ticket.id, version: ticket.version, status: 'in_progress' });
  }
  // Offline on both copies too: a serial logged on an OT at the office and on another on the laptop, and the same
  // new customer on each (a duplicate made on one copy, in sight of the first, is no conflict).
  const technicianOnLaptop = await signIn(laptop, 'tec1');
  for (const serial of ['SN-100', 'SN-200']) {
    await f.tec1.caller.call('workOrders.addItem', { id: serialA.workOrder.id, version: await versionOf(f.tec1.caller, 'workOrder', serialA.workOrder.id), productId: f.serialProductId, serialNumber: serial });
    await technicianOnLaptop.call('workOrders.addItem', { id: serialB.workOrder.id, version: await versionOf(technicianOnLaptop, 'workOrder', serialB.workOrder.id), productId: f.serialProductId, serialNumber: serial });
  }
  for (const name of ['Talleres Gómez', 'Panadería Sol']) {
    for (const [app, contactName] of [
      [office, 'Luis'],
      [laptop, 'Marta'],
    ] as const) {
      const customer = await app.admin.call('customers.create', { name, contactName });
      ids[`${name}:${contactName}`] = customer.id;
      await app.admin.call('tickets.create', { title: `Avería de ${contactName}`, customerId: customer.id });
    }
  }
  meet(office, laptop);
  // The office's clock passes the laptop's, so what the inbox writes next sorts last on the timelines.
  office.clock.advance(2 * 60_000);
});

afterAll(() => {
  office?.close();
  laptop?.close();
  removeTempDirs();
});

const list = (status?: 'open' | 'resolved' | 'all') => f.admin.call('conflicts.list', status ? { status } : {});

async function editConflict(entity: string, field: string): Promise<ConcurrentEditConflictDto> {
  const found = (await list('all')).find((c): c is ConcurrentEditConflictDto => c.kind === 'concurrent_edit' && c.entity === entity && c.field === field);
  if (!found) throw new Error(`no ${entity}.${field} conflict`);
  return found;
}

async function closedConflict(ticketId: string): Promise<ClosedTicketOpenOtConflictDto> {
  const found = (await list('all')).find((c): c is ClosedTicketOpenOtConflictDto => c.kind === 'closed_ticket_open_ot' && c.ticket.id === ticketId);
  if (!found) throw new Error(`no closed ticket conflict for ${ticketId}`);
  return found;
}

async function closeUndoneConflict(ticketId: string): Promise<TicketCloseUndoneConflictDto | undefined> {
  return (await list('all')).find((c): c is TicketCloseUndoneConflictDto => c.kind === 'ticket_close_undone' && c.ticket.id === ticketId);
}

async function serialConflict(serial: string): Promise<DuplicateSerialConflictDto> {
  const found = (await list('all')).find((c): c is DuplicateSerialConflictDto => c.kind === 'duplicate_serial' && c.serial === serial);
  if (!found) throw new Error(`no conflict for ${serial}`);
  return found;
}

async function customerConflict(name: string): Promise<DuplicateCustomerConflictDto> {
  const found = (await list('all')).find((c): c is DuplicateCustomerConflictDto => c.kind === 'duplicate_customer' && c.name === name);
  if (!found) throw new Error(`no conflict for ${name}`);
  return found;
}

const resolutionsOf = (id: string) =>
  (office.backend.database.sqlite.prepare('SELECT count(*) AS n FROM conflict_resolutions WHERE conflict_id = ?').get(id) as { n: number }).n;

describe('conflicts.list', () => {
  it('lists the open conflicts of every kind by default', async () => {
    const open = await list();
    const kinds = open.map((c) => (c.kind === 'concurrent_edit' ? `${c.entity}.${c.field}` : c.kind)).sort();
    expect(kinds).toEqual(
      [
        'customer.address',
        'product.description',
        'ticket.description',
        'ticket.resolution',
        'ticket.title',
        'workOrder.notes',
        'workOrder.work_done',
        'closed_ticket_open_ot',
        'closed_ticket_open_ot',
        'closed_ticket_open_ot',
        'duplicate_serial',
        'duplicate_serial',
        'duplicate_customer',
        'duplicate_customer',
        'ticket_close_undone',
        'ticket_close_undone',
        'ticket_close_undone',
      ].sort(),
    );
    expect(open.every((c) => c.status === 'open' && c.resolution === null && c.id.length === 32)).toBe(true);
    expect(await list('all')).toHaveLength(open.length);
    expect(await list('resolved')).toEqual([]);
    // The laptop derived the same records from the same ops.
    const onLaptop = await laptop.admin.call('conflicts.list', { status: 'all' });
    const merged = (c: { kind: string }) => c.kind === 'concurrent_edit' || c.kind === 'closed_ticket_open_ot' || c.kind === 'ticket_close_undone';
    expect(onLaptop.filter(merged).map((c) => c.id).sort()).toEqual(open.filter(merged).map((c) => c.id).sort());
  });

  it('lists the newest first, as many as asked for at most', async () => {
    const open = await list();
    const newestFirst = [...open].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? 1 : -1));
    expect(open.map((c) => c.id)).toEqual(newestFirst.map((c) => c.id));
    const firstThree = await f.admin.call('conflicts.list', { status: 'open', limit: 3 });
    expect(firstThree.map((c) => c.id)).toEqual(open.slice(0, 3).map((c) => c.id));
    expect((await errorOf(f.admin, 'conflicts.list', { limit: 0 })).code).toBe('VALIDATION');
  });

  it('shows a text edit with the record in words, the original and each value with who, when and which laptop', async () => {
    const conflict = await editConflict('ticket', 'title');
    const ticket = await f.admin.call('tickets.get', { id: ids.titled! });
    expect(conflict).toMatchObject({
      rowId: ticket.id,
      label: `${ticket.code} · Impresora sin tóner`,
      ticket: { id: ticket.id, code: ticket.code, title: 'Impresora sin tóner', status: 'open' },
      workOrder: null,
      original: 'Impresora no imprime',
      currentValue: 'Impresora sin tóner',
      changedSince: false,
      exists: true,
    });
    expect(conflict.values).toEqual([
      expect.objectContaining({ value: 'Impresora HP no imprime', userName: 'Ana Administradora', deviceName: 'Oficina', current: false }),
      expect.objectContaining({ value: 'Impresora sin tóner', userName: 'Ana Administradora', deviceName: 'Portátil 2', current: true }),
    ]);
    for (const value of conflict.values) {
      expect(value.at).toBe(value.hlc.slice(0, 24));
      expect(value.deviceId).toMatch(/^[0-9a-f]{16}$/);
    }
    const notes = await editConflict('workOrder', 'notes');
    expect(notes.workOrder).toMatchObject({ id: ids.noted, status: 'scheduled', otType: 'repair' });
    expect(notes.ticket?.title).toBe('Router de la sala');
    expect(notes.label).toBe(`${notes.workOrder?.code} · Router de la sala`);
    expect((await editConflict('customer', 'address')).label).toBe('Clínica Dental Sonrisa');
  });

  it('shows a closed ticket with its open OT: who closed it, where, and the OT left open', async () => {
    const conflict = await closedConflict(ids.closed0!);
    const workOrder = await f.admin.call('workOrders.get', { id: ids[`revisit:${ids.closed0}`]! });
    expect(conflict).toMatchObject({
      ticket: { id: ids.closed0, title: 'Ticket a completar', status: 'closed', resolution: 'Resuelto por teléfono' },
      closed: { userName: 'Ana Administradora', deviceName: 'Oficina' },
      workOrder: { id: workOrder.id, code: workOrder.code, status: 'pending_planning', otType: 'maintenance', technicianName: null },
      opened: { userName: 'Ana Administradora', deviceName: 'Portátil 2' },
    });
    expect(conflict.closed.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows a close undone by a merge: the ticket as it is, the close with who made it, and the status move made after', async () => {
    const conflict = await closeUndoneConflict(ids.undone0!);
    const ticket = await f.admin.call('tickets.get', { id: ids.undone0! });
    expect([ticket.status, ticket.resolution]).toEqual(['in_progress', 'Solucionado en remoto']);
    expect(conflict).toMatchObject({
      status: 'open',
      ticket: { id: ticket.id, code: ticket.code, title: 'Cierre a confirmar', status: 'in_progress', resolution: 'Solucionado en remoto', closedAt: ticket.closedAt },
      close: { resolution: 'Solucionado en remoto', closedAt: ticket.closedAt },
      closed: { userName: 'Ana Administradora', deviceName: 'Oficina' },
      changed: { userName: 'Ana Administradora', deviceName: 'Portátil 2', from: 'open', to: 'in_progress', content: 'Estado: Abierto → En curso' },
    });
    expect(conflict?.closed.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows a serial logged twice with the OTs and tickets it sits on and who logged it', async () => {
    const conflict = await serialConflict('SN-100');
    expect(conflict.items.map((item) => [item.workOrder?.id, item.ticket?.title, item.productName, item.quantity, item.logged.userName, item.logged.deviceName, item.exists])).toEqual(
      expect.arrayContaining([
        [ids.serialA, 'Router A', 'Router industrial', 1, 'Tomás Técnico', 'Oficina', true],
        [ids.serialB, 'Router B', 'Router industrial', 1, 'Tomás Técnico', 'Portátil 2', true],
      ]),
    );
    expect(conflict.items).toHaveLength(2);
  });

  it('shows customers with the same name with their details and tickets', async () => {
    const conflict = await customerConflict('Talleres Gómez');
    expect(conflict.customers.map((c) => [c.id, c.contactName, c.ticketCount, c.created.userName, c.exists]).sort()).toEqual(
      [
        [ids['Talleres Gómez:Luis'], 'Luis', 1, 'Ana Administradora', true],
        [ids['Talleres Gómez:Marta'], 'Marta', 1, 'Ana Administradora', true],
      ].sort(),
    );
  });
});

describe('conflicts.resolve refuses, writing nothing', () => {
  it('an unknown conflict, a malformed id, an action of another kind, a value that is not one of the edits', async () => {
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: '0'.repeat(32), resolution: { action: 'keep_both' } })).code).toBe('NOT_FOUND');
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: 'not-an-id', resolution: { action: 'keep_both' } })).code).toBe('VALIDATION');
    const serial = await serialConflict('SN-100');
    const wrongKind = await errorOf(f.admin, 'conflicts.resolve', { id: serial.id, resolution: { action: 'reopen', reason: 'no' } });
    expect([wrongKind.code, wrongKind.details?.reason]).toEqual(['VALIDATION', 'action_not_for_kind']);
    const title = await editConflict('ticket', 'title');
    const notAnEdit = await errorOf(f.admin, 'conflicts.resolve', { id: title.id, resolution: { action: 'choose', hlc: 'nope' } });
    expect([notAnEdit.code, notAnEdit.details?.reason]).toEqual(['VALIDATION', 'unknown_choice']);
    const tooShort = await errorOf(f.admin, 'conflicts.resolve', { id: title.id, resolution: { action: 'edit', value: 'ab' } });
    expect([tooShort.code, tooShort.details?.reason]).toEqual(['VALIDATION', 'invalid_value']);
    expect([resolutionsOf(serial.id), resolutionsOf(title.id)]).toEqual([0, 0]);
    expect((await list('resolved')).length).toBe(0);
  });
});

describe('conflicts.resolve: text edits', () => {
  it('choose writes the chosen value with an edit note, and records who chose what', async () => {
    const conflict = await editConflict('ticket', 'title');
    const before = await f.admin.call('tickets.get', { id: ids.titled! });
    const loser = conflict.values.find((value) => !value.current)!;
    const resolved = await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'choose', hlc: loser.hlc, note: 'El modelo es HP' } });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: { resolvedBy: { fullName: 'Ana Administradora' }, choice: { action: 'choose', hlc: loser.hlc, value: 'Impresora HP no imprime' }, note: 'El modelo es HP' },
    });
    expect(resolved.resolution?.at).toBe(office.clock.now().toISOString());
    const after = await f.admin.call('tickets.get', { id: ids.titled! });
    expect(after.title).toBe('Impresora HP no imprime');
    expect(after.version).toBe(before.version + 1);
    expect(after.timeline.at(-1)).toMatchObject({ eventType: 'note', metaData: { kind: 'edit', changes: { title: { from: 'Impresora sin tóner', to: 'Impresora HP no imprime' } } } });
    expect((await list('open')).some((c) => c.id === conflict.id)).toBe(false);
    expect((await list('resolved')).map((c) => c.id)).toContain(conflict.id);
  });

  it('edit writes a value of the supervisor’s own; one that breaks the field’s rules changes nothing', async () => {
    const conflict = await editConflict('ticket', 'description');
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'edit', value: 'x'.repeat(20_001) } })).code).toBe('VALIDATION');
    expect((await editConflict('ticket', 'description')).status).toBe('open');
    const joined = 'Atasco en la bandeja 2 y ruido al imprimir';
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'edit', value: joined } });
    expect((await f.admin.call('tickets.get', { id: ids.titled! })).description).toBe(joined);
    expect((await editConflict('ticket', 'description')).resolution?.choice).toEqual({ action: 'edit', value: joined });
  });

  it('a resolved text says it changed afterwards only once someone edits it after the decision', async () => {
    // The supervisor's own text is the decision, not a later change; nor is the value chosen.
    const joined = 'Atasco en la bandeja 2 y ruido al imprimir';
    expect(await editConflict('ticket', 'description')).toMatchObject({ status: 'resolved', currentValue: joined, changedSince: false });
    expect(await editConflict('ticket', 'title')).toMatchObject({ status: 'resolved', currentValue: 'Impresora HP no imprime', changedSince: false });
    const ticket = await f.admin.call('tickets.get', { id: ids.titled! });
    await f.admin.call('tickets.update', { id: ticket.id, version: ticket.version, description: 'Atasco en la bandeja 2: cambiado el rodillo' });
    expect(await editConflict('ticket', 'description')).toMatchObject({
      status: 'resolved',
      resolution: { choice: { action: 'edit', value: joined } },
      currentValue: 'Atasco en la bandeja 2: cambiado el rodillo',
      changedSince: true,
    });
    expect((await editConflict('ticket', 'title')).changedSince).toBe(false);
  });

  it('choosing the value that already won records the decision without another edit', async () => {
    const conflict = await editConflict('ticket', 'resolution');
    const winner = conflict.values.find((value) => value.current)!;
    const before = await f.admin.call('tickets.get', { id: ids.toClose! });
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'choose', hlc: winner.hlc } });
    const after = await f.admin.call('tickets.get', { id: ids.toClose! });
    expect([after.resolution, after.version, after.timeline.length]).toEqual([before.resolution, before.version, before.timeline.length]);
    expect(resolutionsOf(conflict.id)).toBe(1);
  });

  it('an OT’s work done is edited into work_done, its notes untouched', async () => {
    const workDone = await editConflict('workOrder', 'work_done');
    const before = await f.admin.call('workOrders.get', { id: ids.noted! });
    await supervisor.call('conflicts.resolve', { id: workDone.id, resolution: { action: 'edit', value: 'Cambiados el router y la fuente' } });
    const workOrder = await f.admin.call('workOrders.get', { id: ids.noted! });
    expect([workOrder.workDone, workOrder.notes]).toEqual(['Cambiados el router y la fuente', before.notes]);
    const ticket = await f.admin.call('tickets.get', { id: workOrder.ticketId });
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'ot_updated', content: `${workOrder.code}: trabajo realizado actualizado`, metaData: { change: 'work_done', conflictId: workDone.id } });
  });

  it('a ticket resolution text and an OT’s notes are edited like their own forms do', async () => {
    const notes = await editConflict('workOrder', 'notes');
    await supervisor.call('conflicts.resolve', { id: notes.id, resolution: { action: 'edit', value: 'Llamar antes de ir; llevar router de repuesto' } });
    const workOrder = await f.admin.call('workOrders.get', { id: ids.noted! });
    expect(workOrder.notes).toBe('Llamar antes de ir; llevar router de repuesto');
    const ticket = await f.admin.call('tickets.get', { id: workOrder.ticketId });
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'ot_updated', metaData: { change: 'notes', conflictId: notes.id }, author: { fullName: 'Sergio Supervisor' } });
  });

  it('a customer field goes through the catalog; a product needs catalog:write, which an Agente lacks', async () => {
    const address = await editConflict('customer', 'address');
    await agent.call('conflicts.resolve', { id: address.id, resolution: { action: 'choose', hlc: address.values[0]!.hlc } });
    expect((await f.admin.call('customers.get', { id: f.customerId })).address).toBe('Calle Mayor 1');

    const product = await editConflict('product', 'description');
    const refused = await errorOf(agent, 'conflicts.resolve', { id: product.id, resolution: { action: 'choose', hlc: product.values[0]!.hlc } });
    expect([refused.code, refused.details?.reason]).toEqual(['FORBIDDEN', 'forbidden']);
    expect(resolutionsOf(product.id)).toBe(0);
    await supervisor.call('conflicts.resolve', { id: product.id, resolution: { action: 'choose', hlc: product.values[0]!.hlc } });
    const products = await f.admin.call('products.list', { q: 'RTR-100' });
    expect(products.find((p) => p.id === f.serialProductId)?.description).toBe('Router de carril DIN');
  });
});

describe('conflicts.resolve: a closed ticket with an open OT', () => {
  it('complete finishes the OT with the work done (its internal notes untouched)', async () => {
    const conflict = await closedConflict(ids.closed0!);
    await supervisor.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'complete', notes: 'Hecho en la visita anterior' } });
    const workOrder = await f.admin.call('workOrders.get', { id: conflict.workOrder!.id });
    expect([workOrder.status, workOrder.workDone, workOrder.completedAt]).toEqual(['completed', 'Hecho en la visita anterior', office.clock.now().toISOString()]);
    // Completed here as anywhere: it keeps its type's usual length of now (a later change of the setting leaves it).
    expect(workOrder.estimatedMinutes).toBe(DEFAULT_WORK_ORDER_MINUTES[workOrder.otType]);
    const ticket = await f.admin.call('tickets.get', { id: ids.closed0! });
    expect(ticket.status).toBe('closed');
    // The same completion record as workOrders.complete writes: the measured time (none: never started) said as such.
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'ot_completed', metaData: { workOrderId: workOrder.id, conflictId: conflict.id, totalDuration: workOrder.totalDuration, measuredDuration: workOrder.totalDuration } });
    expect((await closedConflict(ids.closed0!)).status).toBe('resolved');
  });

  it('cancel cancels the OT with the reason', async () => {
    const conflict = await closedConflict(ids.closed1!);
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'cancel', reason: 'No hace falta otra visita' } });
    expect((await f.admin.call('workOrders.get', { id: conflict.workOrder!.id })).status).toBe('cancelled');
    const ticket = await f.admin.call('tickets.get', { id: ids.closed1! });
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'ot_updated', metaData: { to: 'cancelled', reason: 'No hace falta otra visita' } });
    expect((await closedConflict(ids.closed1!)).resolution?.choice).toEqual({ action: 'cancel', reason: 'No hace falta otra visita' });
  });

  it('reopen opens the ticket again and leaves the OT to be planned', async () => {
    const conflict = await closedConflict(ids.closed2!);
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'reopen', reason: 'Falta revisar la instalación' } });
    const ticket = await f.admin.call('tickets.get', { id: ids.closed2! });
    expect([ticket.status, ticket.resolution]).toEqual(['open', null]);
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'reopened', content: 'Ticket reabierto: Falta revisar la instalación' });
    expect((await f.admin.call('workOrders.get', { id: conflict.workOrder!.id })).status).toBe('pending_planning');
    expect((await closedConflict(ids.closed2!)).status).toBe('resolved');
  });
});

describe('conflicts.resolve: a close undone by a merge', () => {
  it('close closes the ticket again with its resolution, now', async () => {
    const conflict = (await closeUndoneConflict(ids.undone0!))!;
    const resolved = await supervisor.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'close', note: 'Confirmado con el cliente' } });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { choice: { action: 'close' }, note: 'Confirmado con el cliente', resolvedBy: { fullName: 'Sergio Supervisor' } } });
    const ticket = await f.admin.call('tickets.get', { id: ids.undone0! });
    expect([ticket.status, ticket.resolution, ticket.closedAt]).toEqual(['closed', 'Solucionado en remoto', office.clock.now().toISOString()]);
    expect(ticket.timeline.at(-1)).toMatchObject({
      eventType: 'closed',
      content: 'Ticket cerrado: Solucionado en remoto',
      metaData: { from: 'in_progress', to: 'closed', resolution: 'Solucionado en remoto', conflictId: conflict.id },
      author: { fullName: 'Sergio Supervisor' },
    });
  });

  it('keep_open needs a reason, then clears the close as a reopen does and leaves the status the merge gave', async () => {
    const conflict = (await closeUndoneConflict(ids.undone1!))!;
    const before = await f.admin.call('tickets.get', { id: ids.undone1! });
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'keep_open' } })).code).toBe('VALIDATION');
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'keep_open', reason: '  ' } })).code).toBe('VALIDATION');
    expect(resolutionsOf(conflict.id)).toBe(0);
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'keep_open', reason: 'Falta la pieza' } });
    const ticket = await f.admin.call('tickets.get', { id: ids.undone1! });
    expect([ticket.status, ticket.resolution, ticket.closedAt, ticket.version]).toEqual(['in_progress', null, null, before.version + 1]);
    expect(ticket.timeline.at(-1)).toMatchObject({
      eventType: 'reopened',
      content: 'Ticket reabierto: Falta la pieza',
      metaData: { from: 'closed', to: 'in_progress', reason: 'Falta la pieza', previousResolution: 'Solucionado en remoto', conflictId: conflict.id },
    });
    expect((await closeUndoneConflict(ids.undone1!))?.resolution?.choice).toEqual({ action: 'keep_open', reason: 'Falta la pieza' });
  });

  it('goes away unresolved once the ticket is closed from its own screen', async () => {
    expect((await closeUndoneConflict(ids.undone2!))?.status).toBe('open');
    const ticket = await f.admin.call('tickets.get', { id: ids.undone2! });
    await f.admin.call('tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Solucionado en remoto' });
    expect(await closeUndoneConflict(ids.undone2!)).toBeUndefined();
  });
});

describe('conflicts.resolve: a serial logged twice', () => {
  it('keep needs a note saying why, and keeps both parts', async () => {
    const conflict = await serialConflict('SN-100');
    expect((await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'keep' } })).code).toBe('VALIDATION');
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'keep', note: 'El cliente tiene dos routers con la misma etiqueta' } });
    const resolved = await serialConflict('SN-100');
    expect(resolved.resolution).toMatchObject({ choice: { action: 'keep' }, note: 'El cliente tiene dos routers con la misma etiqueta' });
    expect(resolved.items.every((item) => item.exists)).toBe(true);
  });

  it('remove takes the wrong item off its OT, even a finished one', async () => {
    const conflict = await serialConflict('SN-200');
    const wrong = conflict.items.find((item) => item.workOrder?.id === ids.serialB)!;
    const other = await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'remove', itemId: f.customerId } });
    expect([other.code, other.details?.reason]).toEqual(['VALIDATION', 'unknown_choice']);
    // The technician completes the OT before the supervisor gets to the inbox.
    const before = await f.tec1.caller.call('workOrders.get', { id: ids.serialB! });
    const started = await f.tec1.caller.call('workOrders.start', { id: before.id, version: before.version });
    await f.tec1.caller.call('workOrders.complete', { id: started.id, version: started.version, workDone: 'Revisado' });
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'remove', itemId: wrong.id } });
    const workOrder = await f.admin.call('workOrders.get', { id: ids.serialB! });
    expect(workOrder.items.map((item) => item.serialNumber)).toEqual(['SN-100']);
    const ticket = await f.admin.call('tickets.get', { id: workOrder.ticketId });
    expect(ticket.timeline.at(-1)).toMatchObject({ eventType: 'ot_updated', metaData: { change: 'item_removed', conflictId: conflict.id } });
    const resolved = await serialConflict('SN-200');
    expect(resolved.items.map((item) => [item.id, item.exists]).sort()).toEqual(conflict.items.map((item) => [item.id, item.id !== wrong.id]).sort());
    // The removed part reads as the inbox showed it before (a trial saw "—", "Alguien · sin fecha", quantity 0).
    const removed = resolved.items.find((item) => item.id === wrong.id)!;
    expect({ ...removed, exists: true }).toEqual({ ...wrong, workOrder: { ...wrong.workOrder, status: 'completed' } });
  });
});

describe('conflicts.resolve: customers with the same name', () => {
  it('merge keeps the picked details on the row with the smallest id, fills what it lacks from the other, moves the tickets, deletes the other, in one go', async () => {
    const conflict = await customerConflict('Talleres Gómez');
    const picked = ids['Talleres Gómez:Luis']!;
    const other = ids['Talleres Gómez:Marta']!;
    await f.admin.call('customers.update', { id: other, version: await versionOf(f.admin, 'customer', other), address: 'Calle Feria 3', phone: '+34 622 222 222' });
    await f.admin.call('customers.update', { id: picked, version: await versionOf(f.admin, 'customer', picked), phone: '+34 600 111 111' });
    const [survivor, removed] = [picked, other].sort() as [string, string];
    const notListed = await errorOf(f.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'merge', keepId: f.customerId } });
    expect(notListed.details?.reason).toBe('unknown_choice');
    await f.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'merge', keepId: picked } });
    expect((await errorOf(f.admin, 'customers.get', { id: removed })).code).toBe('NOT_FOUND');
    const kept = await f.admin.call('customers.get', { id: survivor });
    expect([kept.name, kept.contactName, kept.address, kept.phone]).toEqual(['Talleres Gómez', 'Luis', 'Calle Feria 3', '+34 600 111 111']);
    // What the other record knew and the kept one says otherwise stays in the notes (a trial lost a second phone).
    expect(kept.notes).toBe('Datos de la ficha duplicada que se fusionó: contacto: Marta; teléfono: +34 622 222 222.');
    const tickets = await f.admin.call('tickets.list', { customerId: survivor, limit: 10 });
    expect(tickets.items.map((t) => t.title).sort()).toEqual(['Avería de Luis', 'Avería de Marta']);
    const resolved = await customerConflict('Talleres Gómez');
    // The customer merged away reads as the inbox showed it before the merge (its name as typed, its phone, its tickets then).
    expect(resolved.customers.map((c) => [c.id, c.exists, c.ticketCount, c.name, c.phone]).sort()).toEqual(
      [
        [survivor, true, 2, 'Talleres Gómez', '+34 600 111 111'],
        [removed, false, 1, 'Talleres Gómez', removed === other ? '+34 622 222 222' : '+34 600 111 111'],
      ].sort(),
    );
    expect(resolved.resolution?.choice).toEqual({ action: 'merge', keepId: picked });
  });

  it('keep_both leaves both customers', async () => {
    const conflict = await customerConflict('Panadería Sol');
    await agent.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'keep_both', note: 'Dos locales distintos' } });
    for (const contact of ['Luis', 'Marta']) expect((await f.admin.call('customers.get', { id: ids[`Panadería Sol:${contact}`]! })).name).toBe('Panadería Sol');
    expect((await customerConflict('Panadería Sol')).resolution?.choice).toEqual({ action: 'keep_both' });
  });
});

describe('refusals, permissions and events', () => {
  it('refuses a conflict already resolved', async () => {
    const done = (await list('resolved'))[0]!;
    const again = await errorOf(f.admin, 'conflicts.resolve', { id: done.id, resolution: { action: 'keep_both' } });
    expect([again.code, again.details?.reason]).toEqual(['CONFLICT', 'already_resolved']);
    expect(resolutionsOf(done.id)).toBe(1);
  });

  it('is closed to a Técnico, open to an Agente', async () => {
    for (const channel of ['conflicts.list', 'conflicts.resolve'] as const) {
      const input = channel === 'conflicts.list' ? {} : { id: '0'.repeat(32), resolution: { action: 'keep_both' } };
      const refused = await errorOf(f.tec1.caller, channel, input);
      expect([refused.code, refused.details?.reason]).toEqual(['FORBIDDEN', 'forbidden']);
    }
    expect((await agent.call('conflicts.list', { status: 'all' })).length).toBeGreaterThan(0);
  });

  it('publishes the conflict and the records it changed after the commit, and nothing when refused', async () => {
    await later(laptop, HOUR);
    const events: DomainEvent[] = [];
    const stop = laptop.backend.events.on((event) => events.push(event));
    try {
      // The office chose another value for this one: two decisions made apart (see the last test).
      const conflict = (await laptop.admin.call('conflicts.list', {})).find((c) => c.kind === 'concurrent_edit' && c.entity === 'product')!;
      await laptop.admin.call('conflicts.resolve', { id: conflict.id, resolution: { action: 'edit', value: 'Texto acordado' } });
      expect(events).toEqual(expect.arrayContaining([{ entity: 'conflict', id: conflict.id, kind: 'updated' }]));
      expect(events.some((event) => event.entity !== 'conflict')).toBe(true);
      events.length = 0;
      await errorOf(laptop.admin, 'conflicts.resolve', { id: conflict.id, resolution: { action: 'edit', value: 'Otro' } });
      expect(events).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('after the copies meet', () => {
  it('every decision has travelled: the same conflicts, open and resolved, on both, one digest, nothing set aside; two different decisions are a new conflict', async () => {
    meet(office, laptop);
    const summary = async (caller: Caller) =>
      (await caller.call('conflicts.list', { status: 'all' })).map((c) => [c.id, c.kind, c.status, c.resolution?.choice ?? null]).sort();
    const onOffice = await summary(f.admin);
    expect(onOffice).toHaveLength(17);
    expect(await summary(laptop.admin)).toEqual(onOffice);
    // The office and the laptop resolved the product's description differently, offline: that is a new conflict.
    const open = await f.admin.call('conflicts.list', { status: 'open' });
    expect(open.map((c) => (c.kind === 'concurrent_edit' ? [c.entity, c.field, c.values.map((v) => [v.value, v.deviceName])] : c.kind))).toEqual([
      ['product', 'description', [['Router de carril DIN', 'Oficina'], ['Texto acordado', 'Portátil 2']]],
    ]);
    // The duplicates formed on the laptop too (made offline on both copies), and their resolutions reached it.
    const laptopSqlite = laptop.backend.database.sqlite;
    expect((laptopSqlite.prepare("SELECT count(*) AS n FROM sync_conflicts WHERE kind IN ('duplicate_serial', 'duplicate_customer')").get() as { n: number }).n).toBe(4);
    expect(syncDigest(laptopSqlite)).toBe(syncDigest(office.backend.database.sqlite));
    expect(opsSetAside(laptopSqlite)).toEqual([]);
    expect(opsSetAside(office.backend.database.sqlite)).toEqual([]);
  });
});
