// Signing an OT's report (customer or technician) and reading the latest signature of each role. A signature freezes
// the report: the hash of its content is stored with it, and `valid` says whether the report is still that one.
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { SIGNATURE_ROLES, type SignatureRole } from '../../../shared/enums';
import type { AppDb } from '../../../db/open';
import { workOrderSignatures } from '../../../db/schema';
import { AppError } from '../../contract';
import { isEmptySignature, type SignatureDto, type signInput } from '../../contract/signatures';
import { inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import { newId } from '../ids';
import { assertMayExecute } from './access';
import { loadWorkOrder, saveWorkOrder, workOrderEvent, type WorkOrderRecord } from './lifecycle';
import { reportHashOf } from './reportContent';
import { renderSignaturePng, roundStrokes } from './signaturesImage';
import { hasRow } from '../tableRows';

type SignatureRow = typeof workOrderSignatures.$inferSelect;

const SIGNED_BY_TEXT: Record<SignatureRole, string> = { customer: 'Firmado por el cliente', technician: 'Firmado por el técnico' };

/** The newest signature row of each role (customer first); signing again adds a row, the latest counts. */
export function latestSignatureRows(db: AppDb, workOrderId: string): SignatureRow[] {
  const rows = db
    .select()
    .from(workOrderSignatures)
    .where(eq(workOrderSignatures.workOrderId, workOrderId))
    .orderBy(desc(workOrderSignatures.signedAt), desc(workOrderSignatures.id))
    .all();
  return SIGNATURE_ROLES.flatMap((role) => rows.find((row) => row.role === role) ?? []);
}

function toDto(row: SignatureRow, reportHash: string): SignatureDto {
  return {
    id: row.id,
    role: row.role,
    signerName: row.signerName,
    signerIdNumber: row.signerIdNumber,
    signedAt: row.signedAt,
    signedById: row.signedBy,
    imageDataUrl: `data:image/png;base64,${row.imagePng}`,
    valid: row.contentHash === reportHash,
  };
}

/** The latest signature of each role, each saying whether it still covers the report (the PDF prints these). */
export function latestSignatures(db: AppDb, workOrderId: string): SignatureDto[] {
  const reportHash = reportHashOf(db, workOrderId);
  return latestSignatureRows(db, workOrderId).map((row) => toDto(row, reportHash));
}

/** Who may sign, and when: the OT's executor or a writer; never a cancelled OT; a completed one only once per role. */
function assertMaySign(ctx: ServiceContext, tx: AppDb, actor: Actor, row: WorkOrderRecord, role: SignatureRole): void {
  assertMayExecute(ctx, actor, row);
  if (row.status === 'cancelled') {
    throw new AppError('INVALID_TRANSITION', `work order ${row.code} is cancelled: there is no report to sign`, { reason: 'work_order_cancelled' });
  }
  if (row.status !== 'completed') return;
  const current = latestSignatureRows(tx, row.id).find((signature) => signature.role === role);
  if (current && current.contentHash === reportHashOf(tx, row.id)) {
    throw new AppError('VALIDATION', `work order ${row.code} is completed and already signed by the ${role}`, { reason: 'already_signed', role });
  }
}

/** Signs the report as it is now; the PNG is drawn before the transaction, so the write lock is held only for the insert. */
export async function signWorkOrder(ctx: ServiceContext, input: z.output<typeof signInput>): Promise<SignatureDto[]> {
  const actor = requireActor(ctx);
  if (isEmptySignature(input.strokes)) {
    throw new AppError('VALIDATION', 'the drawing is too small to be a signature', { reason: 'signature_empty', field: 'strokes' });
  }
  // Refuse early what the transaction would refuse anyway, before spending time on the image.
  assertMaySign(ctx, ctx.db, actor, loadWorkOrder(ctx.db, input.id), input.role);
  const strokes = roundStrokes(input.strokes);
  const png = await renderSignaturePng(strokes);
  inTransaction(ctx, (tx, emit) => {
    const row = loadWorkOrder(tx, input.id);
    assertMaySign(ctx, tx, actor, row, input.role);
    const at = nowIso(ctx);
    const signature = {
      id: newId(),
      workOrderId: row.id,
      role: input.role,
      signerName: input.signerName,
      signerIdNumber: input.signerIdNumber || null,
      strokes: JSON.stringify(strokes),
      imagePng: png.toString('base64'),
      contentHash: reportHashOf(tx, row.id),
      signedBy: actor.id,
      signedAt: at,
    };
    tx.insert(workOrderSignatures).values({ ...signature, createdAt: at, updatedAt: at }).run();
    // A signature is not an edit of the OT: its version stays (an open form keeps working); lists still re-sort.
    saveWorkOrder(tx, row, {}, at, { bumpVersion: false });
    workOrderEvent(
      tx,
      row,
      row.status,
      actor.id,
      at,
      { change: 'signed', signatureId: signature.id, role: input.role, signerName: input.signerName },
      `${row.code}: ${SIGNED_BY_TEXT[input.role]}: ${input.signerName}`,
    );
    emit({ entity: 'workOrder', id: row.id, kind: 'updated', ticketId: row.ticketId });
    emit({ entity: 'ticket', id: row.ticketId, kind: 'updated' });
  });
  return latestSignatures(ctx.db, input.id);
}

/** Whether any signature (of any role) exists on the OT, cheaply: most OT changes happen before anyone signs. */
export function hasSignatures(db: AppDb, workOrderId: string): boolean {
  return hasRow(db, workOrderSignatures, { workOrderId });
}
