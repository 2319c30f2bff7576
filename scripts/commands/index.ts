// Every CLI command, in the order `help` lists them. Add a command: one file + one line here.
import { migrateCommand } from './migrate';
import { reportCommand } from './report';
import type { CliCommand } from './types';

export const commands: readonly CliCommand[] = [migrateCommand, reportCommand];
