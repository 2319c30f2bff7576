// `check`: a read-only health report of the database; exit code 1 when something is wrong.
import { FAILURE_WORDS } from '../../db/failures';
import { checkDatabase } from '../../db/reliability';
import { databasePath } from '../../electron/ipc/backend';
import { CommandFailure } from './backup';
import { requireDataDir, type CliCommand } from './types';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check --data-dir DIR',
  summary: 'check the database (integrity, references, version) without changing it; exit 1 on problems',
  run(args) {
    const dataDir = requireDataDir(args);
    const report = checkDatabase(databasePath(dataDir));
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`Database:          ${report.file}`);
    say(`Schema version:    ${report.schemaVersion ?? '?'} (this version of Emerald knows ${report.knownVersion})`);
    say(`Integrity check:   ${report.integrity.length === 0 ? 'not run' : report.integrity.length === 1 && report.integrity[0] === 'ok' ? 'ok' : 'FAILED'}`);
    say(`Schema:            ${report.schema.length === 0 ? 'complete' : `${report.schema.length} missing`}`);
    say(`Broken references: ${report.foreignKeyViolations.length}`);
    if (report.ok) {
      say('No problems found.');
      return;
    }
    // The same words the desktop start dialog and a refused open or restore use for this reason.
    if (report.reason) say(`Verdict:           ${FAILURE_WORDS.en[report.reason].message} (${report.reason})`);
    say('Problems:');
    for (const problem of report.problems) say(`  - ${problem}`);
    throw new CommandFailure(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found in ${report.file}`);
  },
};
