// `npm run cli -- demo`: exit code, progress on stderr, the logins and password on stdout, a usable database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { runCli } from '../../scripts/cli';
import { createBackend } from '../../electron/ipc/backend';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function capture(stream: NodeJS.WriteStream): string[] {
  const lines: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

it('fills a data folder, reports progress and prints the demo logins', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-demo-cli-'));
  dirs.push(dir);
  const out = capture(process.stdout);
  const err = capture(process.stderr);
  const code = await runCli(['demo', '--data-dir', dir, '--tickets', '120', '--technicians', '2', '--seed', '3']);
  vi.restoreAllMocks();
  expect(code).toBe(0);
  expect(err.filter((l) => l.startsWith('demo: ')).length).toBeGreaterThanOrEqual(2);
  expect(err.at(-1)).toContain('120/120 tickets (100%)');
  const text = out.join('');
  expect(text).toContain('120 tickets');
  expect(text).toContain('Logins: admin, agente, tecnico1, tecnico2\n');
  expect(text).toContain('Password: emerald-demo');

  const backend = createBackend({ dataDir: dir });
  try {
    const login = await backend.dispatch({ sessionToken: null }, 'auth.login', { login: 'tecnico2', password: 'emerald-demo' });
    expect(login.envelope.ok).toBe(true);
    const list = await backend.dispatch({ sessionToken: login.session ?? null }, 'tickets.list', { limit: 200 });
    expect(list.envelope.ok && (list.envelope.value as { items: unknown[] }).items.length).toBe(120);
  } finally {
    backend.close();
  }
});

it('refuses a bad ticket count as a usage error', async () => {
  capture(process.stderr);
  expect(await runCli(['demo', '--data-dir', path.join(tmpdir(), 'never-created'), '--tickets', 'many'])).toBe(2);
});
