// Issue 18.18: `npm run cli -- demo` on a real database silently added fake customers and tecnico1…8 with the
// public demo password. It now runs only on an empty database or one the demo generator made (a local marker).
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { runCli } from '../../scripts/cli';
import { createBackend } from '../../electron/ipc/backend';
import { removeTempDirs, tempDir } from '../db/helpers';

afterAll(removeTempDirs);
afterEach(() => vi.restoreAllMocks());

function captured(stream: NodeJS.WriteStream): string[] {
  const chunks: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return chunks;
}

async function demo(dir: string): Promise<{ code: number; err: string }> {
  captured(process.stdout);
  const err = captured(process.stderr);
  const code = await runCli(['demo', '--data-dir', dir, '--tickets', '20', '--technicians', '1', '--seed', '2']);
  vi.restoreAllMocks();
  return { code, err: err.join('') };
}

function count(dir: string, sql: string): number {
  const backend = createBackend({ dataDir: dir });
  try {
    return (backend.database.sqlite.prepare(sql).get() as { n: number }).n;
  } finally {
    backend.close();
  }
}

it('refuses a real database, with a clear message, and writes nothing', async () => {
  const dir = tempDir();
  const backend = createBackend({ dataDir: dir });
  try {
    const made = await backend.dispatch({ sessionToken: null }, 'auth.setup', {
      email: 'jefa@empresa.es', username: 'jefa', password: 'Una-clave-propia-9', fullName: 'La Jefa', companyName: 'Empresa real',
    });
    expect(made.envelope.ok).toBe(true);
  } finally {
    backend.close();
  }
  const { code, err } = await demo(dir);
  expect(code).toBe(1);
  expect(err).toMatch(/not empty and not a demo database/);
  expect(count(dir, "SELECT count(*) AS n FROM users WHERE username LIKE 'tecnico%'")).toBe(0);
  expect(count(dir, 'SELECT count(*) AS n FROM tickets')).toBe(0);
  expect(count(dir, 'SELECT count(*) AS n FROM customers')).toBe(0);
});

it('fills an empty database, and adds to a demo database it made before', async () => {
  const dir = tempDir();
  expect((await demo(dir)).code).toBe(0);
  expect(count(dir, 'SELECT count(*) AS n FROM tickets')).toBe(20);
  expect((await demo(dir)).code).toBe(0);
  expect(count(dir, 'SELECT count(*) AS n FROM tickets')).toBe(40);
});

it('recognises a demo database made before the marker by tecnico1 having the demo password', async () => {
  const dir = tempDir();
  expect((await demo(dir)).code).toBe(0);
  const backend = createBackend({ dataDir: dir });
  try {
    backend.database.sqlite.prepare("DELETE FROM settings WHERE key = 'demoDatabase'").run();
  } finally {
    backend.close();
  }
  expect((await demo(dir)).code).toBe(0);
  expect(count(dir, 'SELECT count(*) AS n FROM tickets')).toBe(40);
});
