// `npm run dist`: installers with electron-builder. Needs the network (Electron zip, headers) and runs on the target OS.
// better-sqlite3 is rebuilt for Electron here only (never in an install hook), its ABI verified, and rebuilt for Node after.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertAddonAbi, betterSqliteBinary, electronAbi } from './native-abi';

const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const CONFIG = path.join('build', 'electron-builder.config.cjs');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[]): void {
  process.stdout.write(`\n> ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function restoreNodeBuild(): void {
  run(npm, ['rebuild', 'better-sqlite3']);
  assertAddonAbi(betterSqliteBinary(repoRoot), Number(process.versions.modules), `Node ${process.version}`);
  process.stdout.write('better-sqlite3 is built for Node again: tests and the CLI keep working.\n');
}

export function dist(builderArgs: string[]): void {
  const { electronVersion, abi } = electronAbi(repoRoot);
  try {
    run(npx, ['electron-builder', 'install-app-deps']);
    assertAddonAbi(betterSqliteBinary(repoRoot), abi, `Electron ${electronVersion}`);
    process.stdout.write(`better-sqlite3 verified for Electron ${electronVersion} (NODE_MODULE_VERSION ${abi}).\n`);
    run(npm, ['run', 'build']);
    run(npx, ['electron-builder', '--config', CONFIG, '--publish', 'never', ...builderArgs]);
    process.stdout.write(`\nInstallers are in ${path.join(repoRoot, 'release')}\n`);
  } finally {
    restoreNodeBuild();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    dist(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`\nnpm run dist failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
