// Issue 15 item 5: honest completion (work done apart from internal notes) and parts (free text, decimals, units,
// removed serials, one serial once). Every refusal leaves the database as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { errorOf, startDomainApp, tableCounts, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

async function running(title = 'La cámara no enfría'): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId });
  let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id, recordsPastVisit: true, confirmOverlap: true });
  return f.admin.call('workOrders.start', { id: wo.id, version: wo.version, notes: 'Llave del cuarto en recepción' });
}

const add = (wo: WorkOrderDetail, part: Record<string, unknown>) => f.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, ...part });
const refusalOf = async (wo: WorkOrderDetail, part: Record<string, unknown>) => {
  const before = tableCounts(f.app);
  const error = await errorOf(f.admin, 'workOrders.addItem', { id: wo.id, version: wo.version, ...part });
  expect(tableCounts(f.app)).toEqual(before);
  return error;
};

describe('work done apart from internal notes', () => {
  it('keeps the notes, saves the work done while in progress and at completion, and stores a typed duration’s reason', async () => {
    let wo = await running();
    wo = await f.admin.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'Cliente pide factura a nombre de la sociedad' });
    wo = await f.admin.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Sustituido el presostato' });
    expect(wo).toMatchObject({ workDone: 'Sustituido el presostato', notes: 'Cliente pide factura a nombre de la sociedad' });
    // Saving the same text again is no change: the version stays.
    expect((await f.admin.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Sustituido el presostato' })).version).toBe(wo.version);

    // Completion without workDone takes the saved one; the notes are untouched.
    const done = await f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, totalDuration: 45 * 60, durationReason: 'Olvidé parar el reloj' });
    expect(done).toMatchObject({ status: 'completed', workDone: 'Sustituido el presostato', notes: 'Cliente pide factura a nombre de la sociedad', durationReason: 'Olvidé parar el reloj', totalDuration: 2700 });
    const ticket = await f.admin.call('tickets.get', { id: done.ticketId });
    expect(ticket.timeline.map((e) => e.content)).toContain(`${wo.code}: trabajo realizado actualizado`);
    expect(ticket.timeline.at(-1)?.metaData).toMatchObject({ workDone: 'Sustituido el presostato', durationReason: 'Olvidé parar el reloj' });
    expect(ticket.timeline.at(-1)?.metaData).not.toHaveProperty('notes');
  });

  it('workDone given with the completion replaces the saved one in the same write; a measured duration has no reason', async () => {
    let wo = await running();
    wo = await f.admin.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Borrador' });
    const done = await f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambiado el ventilador del condensador' });
    expect(done).toMatchObject({ workDone: 'Cambiado el ventilador del condensador', notes: 'Llave del cuarto en recepción', durationReason: null });
  });

  it('refuses to complete with empty work done (none saved, or blank given), writing nothing', async () => {
    let wo = await running();
    const before = tableCounts(f.app);
    for (const input of [{}, { workDone: '   ' }]) {
      expect(await errorOf(f.admin, 'workOrders.complete', { id: wo.id, version: wo.version, ...input })).toMatchObject({ code: 'VALIDATION', details: { reason: 'work_done_required', field: 'workDone' } });
    }
    wo = await f.admin.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'Algo' });
    wo = await f.admin.call('workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: '' });
    expect(wo.workDone).toBeNull();
    expect(await errorOf(f.admin, 'workOrders.complete', { id: wo.id, version: wo.version })).toMatchObject({ details: { reason: 'work_done_required' } });
    expect(tableCounts(f.app).work_orders).toBe(before.work_orders);
    expect((await f.admin.call('workOrders.get', { id: wo.id })).status).toBe('in_progress');
  });

  it('setWorkDone is refused on a finished OT and on another technician’s OT', async () => {
    const wo = await running();
    expect(await errorOf(f.tec2.caller, 'workOrders.setWorkDone', { id: wo.id, version: wo.version, workDone: 'x' })).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_your_work_order' } });
    const done = await f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Hecho' });
    expect(await errorOf(f.admin, 'workOrders.setWorkDone', { id: done.id, version: done.version, workDone: 'Otra cosa' })).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'work_order_final' } });
  });

  it('closing the ticket with a complete decision writes work_done and the reason, and keeps the notes', async () => {
    const wo = await running();
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const closed = await f.admin.call('tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Reparado',
      workOrders: [{ id: wo.id, version: wo.version, action: 'complete', workDone: 'Recargado el gas', totalDuration: 1800, durationReason: 'Pausa para comer' }],
    });
    expect(closed.workOrders[0]).toMatchObject({ status: 'completed', workDone: 'Recargado el gas', notes: 'Llave del cuarto en recepción', durationReason: 'Pausa para comer' });
  });

  it('an OT completed before work_done existed shows its notes as the work done (display only)', async () => {
    const wo = await running();
    const done = await f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Hecho' });
    f.app.backend.database.sqlite.prepare('UPDATE work_orders SET work_done = NULL, notes = ? WHERE id = ?').run('Texto antiguo de cierre', done.id);
    expect(await f.admin.call('workOrders.get', { id: done.id })).toMatchObject({ workDone: 'Texto antiguo de cierre', notes: 'Texto antiguo de cierre' });
    // An OT still open never shows its notes as work done.
    const open = await running('Otra avería');
    expect(open).toMatchObject({ workDone: null, notes: 'Llave del cuarto en recepción' });
  });
});

describe('parts', () => {
  it('takes a free-text part with a decimal quantity in its unit, and a removed serial; the timeline says which', async () => {
    let wo = await running();
    wo = await add(wo, { description: 'Gas refrigerante R-404A', quantity: 1.5, unit: 'kg' });
    wo = await add(wo, { productId: f.serialProductId, serialNumber: 'RTR-OLD-1', direction: 'removed' });
    wo = await add(wo, { productId: f.bulkProductId, quantity: 2 });
    expect(wo.items.map((i) => [i.productName ?? i.description, i.quantity, i.unit, i.direction, i.serialNumber])).toEqual([
      ['Gas refrigerante R-404A', 1.5, 'kg', 'installed', null],
      ['Router industrial', 1, 'unit', 'removed', 'RTR-OLD-1'],
      ['Cable de red 5 m', 2, 'unit', 'installed', null],
    ]);
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const lines = ticket.timeline.map((e) => e.content);
    expect(lines).toContain(`${wo.code}: material instalado: Gas refrigerante R-404A x1,5 kg`);
    expect(lines).toContain(`${wo.code}: material retirado: Router industrial x1 (serie RTR-OLD-1)`);
  });

  it('copies the product’s unit onto the part: metres of cable take decimals, units do not', async () => {
    const product = await f.admin.call('products.create', { sku: 'TUB-CU', name: 'Tubo de cobre 3/8', unit: 'm' });
    expect(product.unit).toBe('m');
    expect((await f.admin.call('products.list', {})).find((p) => p.id === product.id)?.unit).toBe('m');
    let wo = await running();
    wo = await add(wo, { productId: product.id, quantity: 2.75, unit: 'kg' });
    expect(wo.items[0]).toMatchObject({ quantity: 2.75, unit: 'm', description: null });
    // A later catalogue change rewrites no OT.
    await f.admin.call('products.update', { id: product.id, version: product.version, unit: 'unit' });
    expect((await f.admin.call('workOrders.get', { id: wo.id })).items[0]?.unit).toBe('m');
    expect(await refusalOf(wo, { productId: f.bulkProductId, quantity: 1.5 })).toMatchObject({ code: 'VALIDATION', details: { reason: 'quantity_whole_units', field: 'quantity' } });
    expect(await refusalOf(wo, { description: 'Tornillos', quantity: 2.5 })).toMatchObject({ details: { reason: 'quantity_whole_units' } });
  });

  it('refuses a part with neither product nor description, a bad quantity, and a description too long', async () => {
    const wo = await running();
    const none = await refusalOf(wo, { serialNumber: 'SN-1' });
    expect(none).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(none.details)).toContain('item_needs_product_or_description');
    for (const quantity of [0, -1, 1.2345]) expect((await refusalOf(wo, { description: 'Gas', unit: 'kg', quantity })).code).toBe('VALIDATION');
    expect((await refusalOf(wo, { description: 'x'.repeat(201) })).code).toBe('VALIDATION');
    expect((await refusalOf(wo, { description: 'Gas', unit: 'oz' })).code).toBe('VALIDATION');
  });

  it('refuses the same serial twice on one OT in one direction, case-insensitive; in the other direction it is fine', async () => {
    let wo = await running();
    wo = await add(wo, { productId: f.serialProductId, serialNumber: 'RTR-55' });
    expect(await refusalOf(wo, { productId: f.serialProductId, serialNumber: 'rtr-55' })).toMatchObject({ code: 'VALIDATION', details: { reason: 'serial_twice_on_work_order', field: 'serialNumber' } });
    wo = await add(wo, { productId: f.serialProductId, serialNumber: 'rtr-55', direction: 'removed' });
    expect(await refusalOf(wo, { description: 'Router', serialNumber: 'RTR-55', direction: 'removed' })).toMatchObject({ details: { reason: 'serial_twice_on_work_order' } });
  });

  it('a serial installed on another open OT needs confirmSerialElsewhere; on a completed one it is history', async () => {
    let first = await running('Primera');
    first = await add(first, { productId: f.serialProductId, serialNumber: 'RTR-77' });
    let second = await running('Segunda');
    const refusal = await refusalOf(second, { productId: f.serialProductId, serialNumber: 'rtr-77' });
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { reason: 'serial_on_other_open_work_order', code: first.code } });
    // Taking it out elsewhere is no clash; installing it after confirming is recorded.
    second = await add(second, { productId: f.serialProductId, serialNumber: 'RTR-77', direction: 'removed' });
    second = await add(second, { productId: f.serialProductId, serialNumber: 'RTR-77', confirmSerialElsewhere: true });
    expect(second.items.map((i) => i.direction)).toEqual(['removed', 'installed']);
    // Once both OTs are completed, the serial on them no longer blocks.
    await f.admin.call('workOrders.complete', { id: first.id, version: first.version, workDone: 'Instalado' });
    await f.admin.call('workOrders.complete', { id: second.id, version: second.version, workDone: 'Cambiado' });
    const third = await running('Tercera');
    expect((await add(third, { productId: f.serialProductId, serialNumber: 'RTR-77' })).items).toHaveLength(1);
  });

  it('the serial trace and the customer page show installed and removed rows', async () => {
    let wo = await running();
    wo = await add(wo, { productId: f.serialProductId, serialNumber: 'CMP-9', direction: 'removed' });
    await add(wo, { description: 'Compresor reacondicionado', serialNumber: 'CMP-10' });
    const trace = await f.admin.call('workOrders.traceSerial', { serialNumber: 'CMP-' });
    expect(trace.map((r) => [r.serialNumber, r.direction, r.product?.name ?? r.description])).toEqual(
      expect.arrayContaining([
        ['CMP-9', 'removed', 'Router industrial'],
        ['CMP-10', 'installed', 'Compresor reacondicionado'],
      ]),
    );
    const history = await f.admin.call('customers.history', { id: f.customerId });
    expect(history.serials?.items.map((s) => [s.serialNumber, s.direction, s.product?.name])).toEqual(
      expect.arrayContaining([
        ['CMP-9', 'removed', 'Router industrial'],
        ['CMP-10', 'installed', 'Compresor reacondicionado'],
      ]),
    );
  });
});
