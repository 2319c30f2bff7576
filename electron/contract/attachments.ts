// Photos and files on an OT or a ticket (issue 15, item 3). Bytes go as a Uint8Array over IPC and as the raw request
// body in browser mode (contract/uploads.ts); originals are kept, downscaled copies are what screens show.
import { z } from 'zod';
import { id } from './common';
import { channel, type FilePayload } from './define';
import { MAX_ATTACHMENT_BYTES } from './uploadLimits';

export { MAX_ATTACHMENT_BYTES };
export const MAX_ATTACHMENTS_PER_OWNER = 30;
/** Larger images are refused from their header, before any pixel is decoded (a 20,000 × 20,000 PNG is 400 MP). */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const DISPLAY_MAX_SIDE = 1600;
export const THUMB_MAX_SIDE = 320;

export interface AttachmentDto {
  id: string;
  ticketId: string;
  workOrderId: string | null;
  fileName: string;
  mime: string;
  kind: 'photo' | 'file';
  sizeBytes: number;
  width: number | null;
  height: number | null;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  /** A small JPEG as a data: URL; null for a PDF or while the bytes have not arrived by sync yet. */
  thumbDataUrl: string | null;
  /** False for a row that came by team sync before its bytes ("Foto pendiente de sincronizar"). */
  bytesAvailable: boolean;
}

export interface AttachmentDisplayDto {
  id: string;
  fileName: string;
  /** The display copy (≤ 1600 px) as a data: URL. */
  dataUrl: string;
  width: number;
  height: number;
}

/** Bytes of a file: a Uint8Array (IPC, the raw body in browser mode); a Node Buffer is one too. Size and content are
 *  judged by the service, so each refusal carries its own reason (file_too_large, empty_file, file_type_not_allowed). */
export const fileBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'the file must be sent as bytes' });

const fileName = z.string().trim().min(1).max(255);

export const attachmentAddInput = z
  .strictObject({ ticketId: id.optional(), workOrderId: id.optional(), fileName, bytes: fileBytes })
  .refine((v) => (v.ticketId === undefined) !== (v.workOrderId === undefined), {
    message: 'name either a ticket or a work order',
    path: ['ticketId'],
  });

const ownerInput = z
  .strictObject({ ticketId: id.optional(), workOrderId: id.optional() })
  .refine((v) => (v.ticketId === undefined) !== (v.workOrderId === undefined), { message: 'name either a ticket or a work order', path: ['ticketId'] });

const readAccess = ['tickets:read', 'workorders:read'] as const;

export const attachmentChannels = {
  /** Adds a photo (JPEG, PNG, WebP) or a PDF; refusals: file_type_not_allowed, image_too_large, file_too_large, too_many_files. */
  'attachments.add': channel<AttachmentDto>()({
    input: attachmentAddInput,
    access: ['tickets:write', 'workorders:write', 'workorders:execute'],
  }),
  /** Oldest first; a ticket's list holds its own files and those of its OTs. */
  'attachments.list': channel<AttachmentDto[]>()({ input: ownerInput, access: readAccess }),
  'attachments.display': channel<AttachmentDisplayDto>()({ input: z.strictObject({ id }), access: readAccess }),
  /** The original bytes as they were added, to save. */
  'attachments.original': channel<FilePayload>()({ input: z.strictObject({ id }), access: readAccess }),
};
