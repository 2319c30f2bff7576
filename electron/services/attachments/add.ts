// attachments.add: judge the bytes (type by content, size, pixels) and the target (who, which state, how many) before
// anything is stored; then the file (durable), then the row in one transaction. A refusal leaves no row and no file.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { attachments } from '../../../db/schema';
import { AppError } from '../../contract';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_OWNER, type AttachmentDto, type attachmentAddInput } from '../../contract/attachments';
import { actorCan, inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import { newId } from '../ids';
import { appendEvent, loadTicket, saveTicket, assertTicketOpenForWork } from '../tickets';
import { assertMayExecute, assertNotFinal, changeWorkOrder, loadWorkOrder, saveWorkOrder, workOrderEvent, type WorkOrderRecord } from '../workOrders';
import { deriveImages, type DerivedImages } from './images';
import { withShaLock } from './locks';
import { attachmentDto } from './read';
import { sniffMime, isImageMime } from './sniff';
import { removeStored, sha256HexOffThread, storeDerived, storeOriginal } from './store';
import { dataDirOf } from './dataDir';

type AddInput = z.output<typeof attachmentAddInput>;
type Owner = { kind: 'workOrder'; row: WorkOrderRecord } | { kind: 'ticket'; ticketId: string };

function judgeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new AppError('VALIDATION', 'the file is empty', { reason: 'empty_file', field: 'bytes' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('VALIDATION', `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, {
      reason: 'file_too_large',
      field: 'bytes',
      maxBytes: MAX_ATTACHMENT_BYTES,
    });
  }
  const mime = sniffMime(bytes);
  if (!mime) {
    throw new AppError('VALIDATION', 'only photos (JPEG, PNG, WebP) and PDF files can be attached', { reason: 'file_type_not_allowed', field: 'bytes' });
  }
  return mime;
}

/** Who may add here, whether the OT or ticket still takes files, and whether there is room; run before and inside the write. */
function judgeOwner(ctx: ServiceContext, tx: AppDb, actor: Actor, input: AddInput): Owner {
  let owner: Owner;
  let taken: number;
  if (input.workOrderId) {
    const row = loadWorkOrder(tx, input.workOrderId);
    assertMayExecute(ctx, actor, row);
    assertNotFinal(row);
    owner = { kind: 'workOrder', row };
    taken = tx.select({ n: count() }).from(attachments).where(eq(attachments.workOrderId, row.id)).get()?.n ?? 0;
  } else {
    if (!actorCan(ctx, 'tickets:write')) throw new AppError('FORBIDDEN', 'attaching files to a ticket needs tickets:write', { reason: 'forbidden' });
    const ticket = loadTicket(tx, input.ticketId as string);
    assertTicketOpenForWork(ticket.status);
    owner = { kind: 'ticket', ticketId: ticket.id };
    taken =
      tx
        .select({ n: count() })
        .from(attachments)
        .where(and(eq(attachments.ticketId, ticket.id), isNull(attachments.workOrderId)))
        .get()?.n ?? 0;
  }
  if (taken >= MAX_ATTACHMENTS_PER_OWNER) {
    throw new AppError('VALIDATION', `at most ${MAX_ATTACHMENTS_PER_OWNER} files can be attached here`, {
      reason: 'too_many_files',
      max: MAX_ATTACHMENTS_PER_OWNER,
    });
  }
  return owner;
}

function insertRow(tx: AppDb, owner: Owner, input: AddInput, facts: RowFacts, actorId: string, at: string): string {
  const id = newId();
  const ticketId = owner.kind === 'workOrder' ? owner.row.ticketId : owner.ticketId;
  tx.insert(attachments)
    .values({
      id,
      ticketId,
      workOrderId: owner.kind === 'workOrder' ? owner.row.id : null,
      sha256: facts.sha256,
      mime: facts.mime,
      sizeBytes: facts.sizeBytes,
      width: facts.width,
      height: facts.height,
      fileName: input.fileName,
      createdBy: actorId,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return id;
}

interface RowFacts {
  sha256: string;
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
}

function writeRow(ctx: ServiceContext, input: AddInput, facts: RowFacts): string {
  if (input.workOrderId) {
    let id = '';
    // Through changeWorkOrder: the OT's version moves (a signed report sees the change) and its timeline says so.
    changeWorkOrder(ctx, input.workOrderId, (tx, actor, at) => {
      const owner = judgeOwner(ctx, tx, actor, input) as Extract<Owner, { kind: 'workOrder' }>;
      id = insertRow(tx, owner, input, facts, actor.id, at);
      // The files are part of the OT: adding one moves its version, like any other edit of it.
      saveWorkOrder(tx, owner.row, {}, at);
      workOrderEvent(
        tx,
        owner.row,
        owner.row.status,
        actor.id,
        at,
        { change: 'attachment_added', attachment: { id, fileName: input.fileName, mime: facts.mime } },
        `${owner.row.code}: ${isImageMime(facts.mime) ? 'foto añadida' : 'archivo añadido'}: ${input.fileName}`,
      );
      return owner.row;
    });
    return id;
  }
  const actor = requireActor(ctx);
  return inTransaction(ctx, (tx, emit) => {
    const at = nowIso(ctx);
    const owner = judgeOwner(ctx, tx, actor, input) as Extract<Owner, { kind: 'ticket' }>;
    const id = insertRow(tx, owner, input, facts, actor.id, at);
    saveTicket(tx, loadTicket(tx, owner.ticketId), {}, at, { bumpVersion: false });
    // No event type for a file on the ticket itself: a note flagged `kind`, as a ticket edit is (the bitácora words it).
    appendEvent(tx, {
      ticketId: owner.ticketId,
      authorId: actor.id,
      eventType: 'note',
      content: `${isImageMime(facts.mime) ? 'Foto añadida al ticket' : 'Archivo añadido al ticket'}: ${input.fileName}`,
      metaData: { kind: 'attachment_added', attachment: { id, fileName: input.fileName, mime: facts.mime } },
      at,
    });
    emit({ entity: 'ticket', id: owner.ticketId, kind: 'updated' });
    return id;
  });
}

export async function addAttachment(ctx: ServiceContext, input: AddInput): Promise<AttachmentDto> {
  const actor = requireActor(ctx);
  const dataDir = dataDirOf(ctx);
  const mime = judgeBytes(input.bytes);
  judgeOwner(ctx, ctx.db, actor, input); // fail fast, before any decoding
  const derived: DerivedImages | null = isImageMime(mime) ? await deriveImages(input.bytes) : null;
  const sha256 = await sha256HexOffThread(input.bytes);
  const facts: RowFacts = { sha256, mime, sizeBytes: input.bytes.length, width: derived?.width ?? null, height: derived?.height ?? null };
  const id = await withShaLock(sha256, async () => {
    const created = await storeOriginal(dataDir, sha256, input.bytes);
    try {
      if (derived) {
        await storeDerived(dataDir, sha256, 'display', derived.display);
        await storeDerived(dataDir, sha256, 'thumb', derived.thumb);
      }
      return writeRow(ctx, input, facts);
    } catch (error) {
      // Only what this call created, and only while no row holds it (the lock keeps a same-bytes add out meanwhile).
      if (created && !referenced(ctx, sha256)) await removeStored(dataDir, sha256);
      throw error;
    }
  });
  return (await attachmentDto(ctx, dataDir, id)) as AttachmentDto;
}

function referenced(ctx: ServiceContext, sha256: string): boolean {
  return ctx.sqlite.prepare('SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
}
