// Every CLI command, in the order `help` lists them. Add a command: one file + one line here.
import { demoCommand } from './demo';
import { hubCommand } from './hub';
import { backupCommand } from './backup';
import { checkCommand } from './check';
import { migrateCommand } from './migrate';
import { reindexCommand } from './reindex';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { syncCommand } from './sync';
import { teamCommand } from './team';
import type { CliCommand } from './types';

export const commands: readonly CliCommand[] = [migrateCommand, backupCommand, restoreCommand, checkCommand, reindexCommand, demoCommand, reportCommand, teamCommand, syncCommand, hubCommand];
