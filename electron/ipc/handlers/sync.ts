import type { syncChannels } from '../../contract/sync';
import { cancelSyncJob, startExportJob, startImportJob, syncExportResult, syncJobStatus } from '../../services/sync/bundle-jobs';
import { uploadChunk } from '../../services/sync/bundle-uploads';
import { syncDigest } from '../../services/sync/digest';
import type { HandlerMap } from './types';

export const syncHandlers: HandlerMap<keyof typeof syncChannels> = {
  'sync.exportStart': (ctx, input) => startExportJob(ctx, input),
  'sync.uploadChunk': (ctx, input) => uploadChunk(ctx.actor?.id ?? null, input),
  'sync.importStart': (ctx, input) => startImportJob(ctx, input),
  'sync.jobStatus': (ctx, input) => syncJobStatus(ctx, input.jobId),
  'sync.jobCancel': (ctx, input) => cancelSyncJob(ctx, input.jobId),
  'sync.exportResult': (ctx, input) => syncExportResult(ctx, input.jobId),
  'sync.digest': (ctx) => ({ digest: syncDigest(ctx.sqlite) }),
};
