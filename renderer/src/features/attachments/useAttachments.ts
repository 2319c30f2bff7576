// The attachments of one OT or ticket, read again whenever that OT or ticket changes (here or from the team).
import { useCallback, useEffect, useState } from 'react';
import type { AttachmentDto } from '../../../../electron/contract/attachments';
import { api } from '../../api/client';
import { useDomainEvents } from '../../lib/live';

export type AttachmentOwner = { workOrderId: string; ticketId?: undefined } | { ticketId: string; workOrderId?: undefined };

export function useAttachments(owner: AttachmentOwner): { rows: AttachmentDto[] | null; reload: () => void } {
  const [rows, setRows] = useState<AttachmentDto[] | null>(null);
  const key = owner.workOrderId ?? owner.ticketId;
  const reload = useCallback(() => {
    const input = owner.workOrderId ? { workOrderId: owner.workOrderId } : { ticketId: owner.ticketId as string };
    api.call('attachments.list', input).then(setRows, () => setRows([]));
  }, [key]);
  useEffect(reload, [reload]);
  useDomainEvents((event) => (event.entity === 'workOrder' || event.entity === 'ticket') && (event.id === key || event.ticketId === key), reload);
  return { rows, reload };
}
