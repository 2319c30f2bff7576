// Parts on a work order, installed or removed, from the catalogue or in free text: add/remove while it is open;
// serials of tracked products count one each, and one serial is not logged twice.
import { and, eq, ne, notInArray, sql } from 'drizzle-orm';
import { FINAL_WORK_ORDER_STATUSES, type ItemDirection, type ProductUnit } from '../../../shared/enums';
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { products, workOrderItems, workOrders } from '../../../db/schema';
import { AppError, notFound, type WorkOrderDetail } from '../../contract';
import type { workOrderChannels } from '../../contract/workOrders';
import { newId } from '../ids';
import { assertMayExecute } from './access';
import { changeWorkOrder } from './commands';
import { assertNotFinal, loadWorkOrderAt, saveWorkOrder, workOrderEvent, type WorkOrderRecord } from './lifecycle';

type Input<C extends keyof typeof workOrderChannels> = z.output<(typeof workOrderChannels)[C]['input']>;

export function addItem(ctx: Parameters<typeof changeWorkOrder>[0], input: Input<'workOrders.addItem'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertNotFinal(row);
    const product = input.productId ? tx.select().from(products).where(eq(products.id, input.productId)).get() : undefined;
    if (input.productId && !product) {
      throw new AppError('VALIDATION', 'that product does not exist', { reason: 'unknown_product', field: 'productId' });
    }
    const quantity = input.quantity ?? 1;
    // A catalogue part counts in its product's unit (copied: a later catalogue change rewrites no OT); free text says its own.
    const unit: ProductUnit = product ? product.unit : (input.unit ?? 'unit');
    if (unit === 'unit' && !Number.isInteger(quantity)) {
      throw new AppError('VALIDATION', 'a part counted in units takes a whole quantity', { reason: 'quantity_whole_units', field: 'quantity', unit });
    }
    const serialNumber = input.serialNumber ?? null;
    if (serialNumber && product?.tracksSerial && quantity !== 1) {
      throw new AppError('VALIDATION', 'a serial number identifies one unit: quantity must be 1', {
        reason: 'serial_quantity_one',
        field: 'quantity',
      });
    }
    const direction: ItemDirection = input.direction ?? 'installed';
    if (serialNumber) assertSerialFree(tx, row, serialNumber, direction, input.confirmSerialElsewhere === true);
    const description = product ? null : (input.description ?? null);
    const item = { id: newId(), workOrderId: row.id, productId: product?.id ?? null, serialNumber, quantity, description, direction, unit };
    tx.insert(workOrderItems)
      .values({ ...item, consumedAt: at, createdAt: at, updatedAt: at })
      .run();
    // The parts list is part of the OT: a change to it moves the OT's version, like any other edit of it.
    saveWorkOrder(tx, row, {}, at);
    const name = product?.name ?? description;
    // The stored line is Spanish: a decimal comma (1,5 kg); screens and PDFs word it from meta_data in their language.
    const label = [name, `x${String(quantity).replace('.', ',')}${unit === 'unit' ? '' : ` ${unit}`}`].filter(Boolean).join(' ');
    const what = direction === 'removed' ? 'material retirado' : 'material instalado';
    // The part's name travels with the event, so every language can say what went in (the text is Spanish only).
    workOrderEvent(
      tx,
      row,
      row.status,
      actor.id,
      at,
      { change: 'item_added', item: { ...item, productName: product?.name ?? null } },
      `${row.code}: ${what}: ${label}${serialNumber ? ` (serie ${serialNumber})` : ''}`,
    );
    return row;
  });
}

/**
 * A serial names one physical unit: twice in the same direction on one OT is a typing slip (refused); installed on
 * another OT still open is likely a mistake too, but may be true (moved between sites the same day), so the person confirms.
 */
function assertSerialFree(tx: AppDb, row: WorkOrderRecord, serialNumber: string, direction: ItemDirection, confirmedElsewhere: boolean): void {
  const same = tx
    .select({ id: workOrderItems.id })
    .from(workOrderItems)
    .where(and(eq(workOrderItems.workOrderId, row.id), eq(workOrderItems.direction, direction), sql`lower(${workOrderItems.serialNumber}) = lower(${serialNumber})`))
    .get();
  if (same) {
    throw new AppError('VALIDATION', `serial ${serialNumber} is already on ${row.code}`, { reason: 'serial_twice_on_work_order', field: 'serialNumber', itemId: same.id });
  }
  if (direction !== 'installed' || confirmedElsewhere) return;
  const other = tx
    .select({ id: workOrders.id, code: workOrders.code, status: workOrders.status })
    .from(workOrderItems)
    .innerJoin(workOrders, eq(workOrders.id, workOrderItems.workOrderId))
    .where(
      and(
        sql`lower(${workOrderItems.serialNumber}) = lower(${serialNumber})`,
        eq(workOrderItems.direction, 'installed'),
        ne(workOrders.id, row.id),
        notInArray(workOrders.status, [...FINAL_WORK_ORDER_STATUSES]),
      ),
    )
    .get();
  if (other) {
    throw new AppError('CONFLICT', `serial ${serialNumber} is installed on ${other.code}, which is still open`, {
      reason: 'serial_on_other_open_work_order',
      field: 'serialNumber',
      workOrder: other,
      code: other.code,
    });
  }
}

export function removeItem(ctx: Parameters<typeof changeWorkOrder>[0], input: Input<'workOrders.removeItem'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertNotFinal(row);
    takeItemOff(tx, row, input.itemId, actor.id, at);
    return row;
  });
}

/** Deletes one part of an OT with its timeline event. The conflict inbox also takes a serial logged twice off a finished OT. */
export function takeItemOff(tx: AppDb, row: WorkOrderRecord, itemId: string, actorId: string, at: string, extra: Record<string, unknown> = {}): void {
  const item = tx
    .select()
    .from(workOrderItems)
    .where(and(eq(workOrderItems.id, itemId), eq(workOrderItems.workOrderId, row.id)))
    .get();
  if (!item) throw notFound('work order item', itemId);
  const productName = item.productId ? (tx.select({ name: products.name }).from(products).where(eq(products.id, item.productId)).get()?.name ?? null) : null;
  tx.delete(workOrderItems).where(eq(workOrderItems.id, item.id)).run();
  saveWorkOrder(tx, row, {}, at);
  workOrderEvent(
    tx,
    row,
    row.status,
    actorId,
    at,
    { change: 'item_removed', item: { id: item.id, productId: item.productId, productName, description: item.description, serialNumber: item.serialNumber, quantity: item.quantity, unit: item.unit, direction: item.direction }, ...extra },
    `${row.code}: material quitado de la lista${item.serialNumber ? ` (serie ${item.serialNumber})` : ''}`,
  );
}
