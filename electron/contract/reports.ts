import { byId } from './common';
import { channel, type FilePayload } from './define';

export const reportChannels = {
  'reports.workOrderPdf': channel<FilePayload>()({ input: byId, access: 'reports:export' }),
};
