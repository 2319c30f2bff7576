import { createBackend, databasePath } from '../../electron/ipc/backend';
import { intFlag } from '../args';
import { AppError } from '../../electron/contract';
import { DEMO_PASSWORD, generateDemoData } from '../demo/generate';
import { demoTarget } from '../demo/guard';
import { requireDataDir, type CliCommand } from './types';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo --data-dir DIR [--tickets N] [--technicians 8] [--seed 1]',
  summary: 'fill DIR with realistic demo data (logins admin, agente, tecnico1…N; password emerald-demo)',
  async run(args) {
    const dataDir = requireDataDir(args);
    const tickets = intFlag(args, 'tickets', 1000);
    const technicians = intFlag(args, 'technicians', 8);
    const seed = intFlag(args, 'seed', 1);
    const backend = createBackend({ dataDir });
    let lastPercent = -1;
    try {
      if ((await demoTarget(backend.database.sqlite)) === 'real') {
        throw new AppError(
          'CONFLICT',
          `${databasePath(dataDir)} is not empty and not a demo database: demo data (fake customers, tecnico1… with the public password ${DEMO_PASSWORD}) goes only into an empty data folder or one made by this command. Use a new --data-dir.`,
          { reason: 'not_a_demo_database' },
        );
      }
      const summary = await generateDemoData(backend.database.sqlite, { tickets, technicians, seed }, ({ done, total }) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent >= lastPercent + 5 || done === total) {
          lastPercent = percent;
          process.stderr.write(`demo: ${done}/${total} tickets (${percent}%)\n`);
        }
      });
      process.stdout.write(
        [
          `Demo data written to ${databasePath(dataDir)} in ${(summary.elapsedMs / 1000).toFixed(1)} s:`,
          `  ${summary.tickets} tickets, ${summary.timelineEvents} timeline events, ${summary.workOrders} work orders, ${summary.items} parts, ${summary.customers} customers`,
          `Logins: ${summary.logins.join(', ')}`,
          `Password: ${summary.password}${summary.adminHasDemoPassword ? '' : ' (an existing "admin" was left as it was, with its own password)'}`,
          '',
        ].join('\n'),
      );
    } finally {
      backend.close();
    }
  },
};
