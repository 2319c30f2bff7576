import path from 'node:path';
import { stringFlag, UsageError, type ParsedArgs } from '../args';

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: ParsedArgs): Promise<void> | void;
}

export function requireDataDir(args: ParsedArgs): string {
  const dir = stringFlag(args, 'data-dir', 'EMERALD_DATA_DIR');
  if (!dir) throw new UsageError('--data-dir DIR is required (or set EMERALD_DATA_DIR)');
  return path.resolve(dir);
}
