// Reading attachments: rows with a small thumbnail, the display copy, the original to save. Derived copies missing on
// disk are rebuilt from the original; a row whose original has not arrived (team sync) says so instead of failing.
import { AppError, notFound, type FilePayload } from '../../contract';
import type { AttachmentDisplayDto, AttachmentDto } from '../../contract/attachments';
import type { ServiceContext } from '../context';
import { dataDirOf } from './dataDir';
import { sizeOf } from './images';
import { isImageMime } from './sniff';
import { hasOriginal, readDerived, readOriginal } from './store';

interface AttachmentRow {
  id: string;
  ticketId: string;
  workOrderId: string | null;
  sha256: string;
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  fileName: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

const SELECT = `SELECT a.id, a.ticket_id AS ticketId, a.work_order_id AS workOrderId, a.sha256, a.mime, a.size_bytes AS sizeBytes,
  a.width, a.height, a.file_name AS fileName, a.created_by AS createdBy, u.full_name AS createdByName, a.created_at AS createdAt
  FROM attachments a LEFT JOIN users u ON u.id = a.created_by`;

const dataUrl = (mime: string, bytes: Uint8Array) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** A thumbnail that cannot be rebuilt (damaged bytes from another copy) shows as a file, not as an error. */
async function thumbOf(dataDir: string, row: AttachmentRow): Promise<string | null> {
  if (!isImageMime(row.mime)) return null;
  try {
    const thumb = await readDerived(dataDir, row.sha256, 'thumb');
    return thumb ? dataUrl('image/jpeg', thumb) : null;
  } catch {
    return null;
  }
}

async function toDto(dataDir: string, row: AttachmentRow): Promise<AttachmentDto> {
  const { sha256: _sha, ...rest } = row;
  return {
    ...rest,
    kind: isImageMime(row.mime) ? 'photo' : 'file',
    thumbDataUrl: await thumbOf(dataDir, row),
    bytesAvailable: hasOriginal(dataDir, row.sha256),
  };
}

function loadRow(ctx: ServiceContext, id: string): AttachmentRow {
  const row = ctx.sqlite.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AttachmentRow | undefined;
  if (!row) throw notFound('attachment', id);
  return row;
}

export async function attachmentDto(ctx: ServiceContext, dataDir: string, id: string): Promise<AttachmentDto> {
  return toDto(dataDir, loadRow(ctx, id));
}

export async function listAttachments(ctx: ServiceContext, input: { ticketId?: string; workOrderId?: string }): Promise<AttachmentDto[]> {
  const dataDir = dataDirOf(ctx);
  const rows = (
    input.workOrderId
      ? ctx.sqlite.prepare(`${SELECT} WHERE a.work_order_id = ? ORDER BY a.created_at, a.id`).all(input.workOrderId)
      : ctx.sqlite.prepare(`${SELECT} WHERE a.ticket_id = ? ORDER BY a.created_at, a.id`).all(input.ticketId)
  ) as AttachmentRow[];
  return Promise.all(rows.map((row) => toDto(dataDir, row)));
}

const bytesPending = (row: AttachmentRow) =>
  new AppError('NOT_FOUND', `the bytes of ${row.fileName} have not arrived on this computer yet`, { reason: 'file_pending_sync', id: row.id });

export async function displayAttachment(ctx: ServiceContext, id: string): Promise<AttachmentDisplayDto> {
  const dataDir = dataDirOf(ctx);
  const row = loadRow(ctx, id);
  if (!isImageMime(row.mime)) throw new AppError('VALIDATION', `${row.fileName} is not a photo`, { reason: 'not_a_photo', id });
  const display = await readDerived(dataDir, row.sha256, 'display');
  if (!display) throw bytesPending(row);
  const size = await sizeOf(display);
  return { id: row.id, fileName: row.fileName, dataUrl: dataUrl('image/jpeg', display), ...size };
}

export async function originalAttachment(ctx: ServiceContext, id: string): Promise<FilePayload> {
  const dataDir = dataDirOf(ctx);
  const row = loadRow(ctx, id);
  const bytes = await readOriginal(dataDir, row.sha256);
  if (!bytes) throw bytesPending(row);
  return { fileName: row.fileName, mimeType: row.mime, bytes: new Uint8Array(bytes) };
}
