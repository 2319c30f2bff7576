// Passwords are stored as argon2id at OWASP's strength or above. The test runner hashes with argon2id's least cost to
// keep a suite that signs in thousands of people quick (passwords.ts): this proves the app outside it does not.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/services/users/passwords';

/** The PHC string's parameters: `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (in whatever order the library writes them). */
function paramsOf(hash: string): { memoryKiB: number; passes: number; lanes: number } {
  const [, algorithm, , list] = hash.split('$');
  if (algorithm !== 'argon2id' || !list) throw new Error(`not an argon2id hash: ${hash.slice(0, 40)}`);
  const params = Object.fromEntries(list.split(',').map((pair) => pair.split('=') as [string, string]));
  return { memoryKiB: Number(params.m), passes: Number(params.t), lanes: Number(params.p) };
}

describe('password hashes', () => {
  it('outside the test runner: argon2id with at least 19 MiB and two passes, verifiable', () => {
    const env = { ...process.env };
    delete env.VITEST;
    const script = `import { hashPassword, verifyPassword } from './electron/services/users/passwords.ts';
      const hash = await hashPassword('una-clave-larga-1');
      process.stdout.write(JSON.stringify({ hash, ok: await verifyPassword(hash, 'una-clave-larga-1'), wrong: await verifyPassword(hash, 'otra-clave-1') }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { hash, ok, wrong } = JSON.parse(run.stdout) as { hash: string; ok: boolean; wrong: boolean };
    const params = paramsOf(hash);
    expect(params.memoryKiB).toBeGreaterThanOrEqual(19_456);
    expect(params.passes).toBeGreaterThanOrEqual(2);
    expect(params.lanes).toBe(1);
    expect([ok, wrong]).toEqual([true, false]);
  });

  it('under the test runner: argon2id still, which the same verify reads', async () => {
    const hash = await hashPassword('una-clave-larga-1');
    expect(paramsOf(hash).memoryKiB).toBeLessThan(19_456);
    expect(await verifyPassword(hash, 'una-clave-larga-1')).toBe(true);
    expect(await verifyPassword(hash, 'una-clave-larga-2')).toBe(false);
  });
});
