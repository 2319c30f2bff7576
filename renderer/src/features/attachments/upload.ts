// Sends picked or captured files one by one (each a Uint8Array: as is over IPC, the raw body in browser mode).
import type { AttachmentDto } from '../../../../electron/contract/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../../../electron/contract/attachments';
import { api, ApiError } from '../../api/client';
import type { AttachmentOwner } from './useAttachments';

export interface PickedFile {
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export const fromBrowserFile = (file: File): PickedFile => ({ name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) });

/** The client says "too large" before sending 25 MB for nothing; the server judges everything else. */
export async function uploadOne(owner: AttachmentOwner, file: PickedFile): Promise<AttachmentDto> {
  if (file.size > MAX_ATTACHMENT_BYTES) throw new ApiError({ code: 'VALIDATION', message: 'file too large', details: { reason: 'file_too_large' } });
  const target = owner.workOrderId ? { workOrderId: owner.workOrderId } : { ticketId: owner.ticketId as string };
  return api.call('attachments.add', { ...target, fileName: file.name.slice(0, 255) || 'archivo', bytes: await file.bytes() });
}
