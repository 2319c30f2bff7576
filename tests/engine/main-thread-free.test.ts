// The main thread is not held by a long call: while the engine worker builds a big CSV export, a setImmediate and a
// timer of this thread run before that call answers (order only, no durations). The worker logs the call as slow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend } from '../../electron/ipc/backend';
import { startEngineWorker, type EngineWorkerHost } from '../../electron/ipc/engine/worker-host';
import { DEMO_PASSWORD, generateDemoData } from '../../scripts/demo/generate';

const TICKETS = 300;
let dataDir: string;
let engine: EngineWorkerHost;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-engine-free-'));
  const seeding = createBackend({ dataDir });
  try {
    await generateDemoData(seeding.database.sqlite, { tickets: TICKETS, seed: 7 });
  } finally {
    seeding.close();
  }
  // Threshold 0: every call is "slow", so the log line's path through the thread is seen without timing the call.
  engine = await startEngineWorker({ dataDir, slowCallMs: 0, log: (message) => logged.push(message) });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('runs this thread’s setImmediate and timers while the worker exports every ticket to CSV', async () => {
  const login = await engine.dispatch({ sessionToken: null }, 'auth.login', { login: 'admin', password: DEMO_PASSWORD });
  expect(login.envelope.ok).toBe(true);
  const sessionToken = typeof login.session === 'string' ? login.session : null;

  const order: string[] = [];
  const exported = engine.dispatch({ sessionToken }, 'reports.ticketsCsv', {}).then((result) => {
    order.push('answer');
    return result;
  });
  setImmediate(() => order.push('immediate'));
  setTimeout(() => order.push('timer'), 0);
  const result = await exported;

  expect(result.envelope.ok).toBe(true);
  const bytes = result.envelope.ok ? (result.envelope.value as { bytes: Uint8Array }).bytes : new Uint8Array();
  // Every ticket is in the file: one line each after the header.
  expect(Buffer.from(bytes).toString('utf8').trim().split('\n').length).toBeGreaterThan(TICKETS);
  expect(order.indexOf('immediate')).toBeLessThan(order.indexOf('answer'));
  expect(order.indexOf('timer')).toBeLessThan(order.indexOf('answer'));
  expect(logged).toContainEqual(expect.stringMatching(/^slow call reports\.ticketsCsv \d+ ms$/));
}, 60_000);
