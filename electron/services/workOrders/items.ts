// Parts consumed on a work order: add/remove while it is open; serials of tracked products count one each.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { products, workOrderItems } from '../../../db/schema';
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
    const serialNumber = input.serialNumber ?? null;
    if (serialNumber && product?.tracksSerial && (input.quantity ?? 1) !== 1) {
      throw new AppError('VALIDATION', 'a serial number identifies one unit: quantity must be 1', {
        reason: 'serial_quantity_one',
        field: 'quantity',
      });
    }
    const item = { id: newId(), workOrderId: row.id, productId: product?.id ?? null, serialNumber, quantity: input.quantity ?? 1 };
    tx.insert(workOrderItems)
      .values({ ...item, consumedAt: at, createdAt: at, updatedAt: at })
      .run();
    // The parts list is part of the OT: a change to it moves the OT's version, like any other edit of it.
    saveWorkOrder(tx, row, {}, at);
    const label = [product?.name, serialNumber ? `serie ${serialNumber}` : null, `x${item.quantity}`].filter(Boolean).join(' ');
    // The part's name travels with the event, so every language can say what went in (the text is Spanish only).
    workOrderEvent(tx, row, row.status, actor.id, at, { change: 'item_added', item: { ...item, productName: product?.name ?? null } }, `${row.code}: material añadido: ${label}`);
    return row;
  });
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
    { change: 'item_removed', item: { id: item.id, productId: item.productId, productName, serialNumber: item.serialNumber, quantity: item.quantity }, ...extra },
    `${row.code}: material retirado${item.serialNumber ? ` (serie ${item.serialNumber})` : ''}`,
  );
}
