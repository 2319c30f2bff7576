// After an OT change: a signature that covered the report and no longer does asks for a new one, said once on the timeline.
import { and, eq, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { ticketTimeline, workOrderSignatures, workOrders } from '../../../db/schema';
import { loadWorkOrder, workOrderEvent } from './lifecycle';
import { reportHashOf } from './reportContent';
import { hasSignatures, latestSignatureRows } from './signatures';

export const SIGNATURE_INVALIDATED_TEXT = 'El informe cambió después de la firma: hace falta una nueva firma';

/** Signature ids some earlier 'signature_invalidated' event of this OT already named. */
function notedSignatureIds(tx: AppDb, ticketId: string, workOrderId: string): Set<string> {
  const events = tx
    .select({ metaData: ticketTimeline.metaData })
    .from(ticketTimeline)
    .where(
      and(
        eq(ticketTimeline.ticketId, ticketId),
        eq(ticketTimeline.eventType, 'ot_updated'),
        sql`json_extract(${ticketTimeline.metaData}, '$.change') = 'signature_invalidated'`,
        sql`json_extract(${ticketTimeline.metaData}, '$.workOrderId') = ${workOrderId}`,
      ),
    )
    .all();
  const ids = events.flatMap((event) => (Array.isArray(event.metaData?.signatureIds) ? (event.metaData.signatureIds as unknown[]) : []));
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

/**
 * Called inside every OT change's transaction (changeWorkOrder): when the latest signature of a role no longer matches
 * the report and no event said so yet for that signature, one `ot_updated` event (change 'signature_invalidated') does.
 */
export function noteStaleSignatures(tx: AppDb, workOrderId: string, actorId: string, at: string): void {
  if (!hasSignatures(tx, workOrderId)) return;
  const reportHash = reportHashOf(tx, workOrderId);
  const stale = latestSignatureRows(tx, workOrderId).filter((signature) => signature.contentHash !== reportHash);
  if (stale.length === 0) return;
  const row = loadWorkOrder(tx, workOrderId);
  const noted = notedSignatureIds(tx, row.ticketId, row.id);
  const fresh = stale.filter((signature) => !noted.has(signature.id));
  if (fresh.length === 0) return;
  workOrderEvent(
    tx,
    row,
    row.status,
    actorId,
    at,
    { change: 'signature_invalidated', signatureIds: fresh.map((signature) => signature.id), roles: fresh.map((signature) => signature.role) },
    `${row.code}: ${SIGNATURE_INVALIDATED_TEXT}`,
  );
}

/** A ticket edit (title, fault, customer) is part of each of its OTs' signed reports: the same check for each signed OT. */
export function noteStaleSignaturesOfTicket(tx: AppDb, ticketId: string, actorId: string, at: string): void {
  const signed = tx
    .selectDistinct({ id: workOrders.id })
    .from(workOrders)
    .innerJoin(workOrderSignatures, eq(workOrderSignatures.workOrderId, workOrders.id))
    .where(eq(workOrders.ticketId, ticketId))
    .all();
  for (const { id } of signed) noteStaleSignatures(tx, id, actorId, at);
}
