// `npm run cli -- <command>`: the scripting entry point. Exit codes: 0 ok, 1 failure, 2 bad usage.
import { fileURLToPath } from 'node:url';
import { DatabaseOpenError } from '../db/errors';
import { AppError } from '../electron/contract';
import { parseArgs, UsageError } from './args';
import { commands } from './commands';
import { openFailureAdvice } from './commands/restore';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length), 'help'.length) + 2;
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}${c.summary}`);
  return [
    'Emerald command line',
    '',
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width)}show this text`,
    '',
    'The data folder can also come from EMERALD_DATA_DIR.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positional[0] ?? 'help';
  try {
    if (name === 'help' || args.flags.has('help')) {
      process.stdout.write(helpText());
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"; run "npm run cli -- help"`);
    await command.run(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DatabaseOpenError) {
      process.stderr.write(`error: ${error.message}\n${openFailureAdvice(error)}`);
      return 1;
    }
    if (error instanceof AppError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runCli(process.argv.slice(2));
}
