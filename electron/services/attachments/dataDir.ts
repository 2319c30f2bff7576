import { AppError } from '../../contract';
import type { ServiceContext } from '../context';

/** Attachment bytes live in the data folder; a bare connection (no folder) cannot hold any. */
export function dataDirOf(ctx: Pick<ServiceContext, 'dataDir'>): string {
  if (!ctx.dataDir) throw new AppError('INTERNAL', 'this backend has no data folder to keep files in', { reason: 'no_data_dir' });
  return ctx.dataDir;
}
