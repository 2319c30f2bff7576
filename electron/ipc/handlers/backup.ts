import { AppError } from '../../contract';
import type { backupChannels } from '../../contract/backup';
import { backupsFolder, createBackup, DEFAULT_BACKUPS_KEPT, listBackups } from '../../../db/reliability';
import type { ServiceContext } from '../../services/context';
import { newId } from '../../services/ids';
import type { HandlerMap } from './types';

function dataDirOf(ctx: ServiceContext): string {
  if (!ctx.dataDir) throw new AppError('INTERNAL', 'this backend has no data folder to keep backups in', { reason: 'no_data_dir' });
  return ctx.dataDir;
}

export const backupHandlers: HandlerMap<keyof typeof backupChannels> = {
  'backup.create': async (ctx) => {
    const dataDir = dataDirOf(ctx);
    const jobId = newId();
    const onProgress = ({ done, total }: { done: number; total: number }) =>
      ctx.events.emit({ entity: 'job', id: jobId, kind: 'progress', progress: { done, total, label: 'backup' } });
    try {
      // In the job worker (its copy and integrity check never hold this thread); in-process on a bare context.
      if (ctx.jobWorker) return await ctx.jobWorker.run('backup', { now: ctx.clock.now().toISOString() }, { onProgress });
      return await createBackup(dataDir, ctx.sqlite, { now: ctx.clock.now(), onProgress });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('INTERNAL', `the backup could not be written: ${detail}`, { reason: 'backup_failed' });
    }
  },
  'backup.list': (ctx) => listBackups(dataDirOf(ctx)),
  'backup.location': (ctx) => {
    const dataDir = dataDirOf(ctx);
    return { dataDir, backupsDir: backupsFolder(dataDir), automaticKept: DEFAULT_BACKUPS_KEPT };
  },
};
