import type { attachmentChannels } from '../../contract/attachments';
import { addAttachment, displayAttachment, listAttachments, originalAttachment } from '../../services/attachments';
import type { HandlerMap } from './types';

export const attachmentHandlers: HandlerMap<keyof typeof attachmentChannels> = {
  'attachments.add': (ctx, input) => addAttachment(ctx, input),
  'attachments.list': (ctx, input) => listAttachments(ctx, input),
  'attachments.display': (ctx, input) => displayAttachment(ctx, input.id),
  'attachments.original': (ctx, input) => originalAttachment(ctx, input.id),
};
