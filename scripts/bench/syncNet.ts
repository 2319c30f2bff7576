// LAN sync figures: a hub as its own browser-mode process (`serve --hub`, loopback) and members in this process.
// 1. A change made on member A is visible on member B through the hub (background sync only, no manual step): p95.
// 2. 30 members syncing against the hub at once: a round's p95, and the hub's own interactive call (tickets.list through
//    browser mode, what its window waits for) measured meanwhile.
// Run alone with a small dataset: `npx tsx scripts/bench/syncNet.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ChannelName, InputOf, OutputOf } from '../../electron/contract';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { startNetRuntime, type NetRuntime } from '../../electron/services/sync/background/runtime';
import { syncRound } from '../../electron/services/sync/net/syncRound';
import type { SyncFigure } from './sync';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Each sample waits for B's next round; without a push from the hub that is up to the 30 s interval.
const LATENCY_SAMPLES = Number(process.env.EMERALD_BENCH_NET_SAMPLES ?? 20);
const MEMBERS = 30;
const CONCURRENT_ROUNDS = 5;
const BUDGET = { visibleMs: 2000, roundMs: 500, hubCallMs: 5 };

const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The hub process's browser-mode API, as its own window calls it. */
class HubApi {
  private cookie: string | null = null;
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const response = await fetch(`${this.base}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const envelope = (await response.json()) as { ok: boolean; value: OutputOf<C>; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? response.status}`);
    return envelope.value;
  }
}

async function startHubProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; api: HubApi }> {
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'serve.ts'), '--port', '0', '--data-dir', dataDir, '--no-build', '--hub', `127.0.0.1:${port}`], {
    cwd: repoRoot,
    env: { ...process.env, EMERALD_TOKEN: token, EMERALD_NO_MDNS: '1' },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^EMERALD_URL=(https?:\/\/[^/?\s]+)/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the hub process exited (${code}):\n${out}`)));
  });
  return { child, api: new HubApi(url, token) };
}

interface Member {
  backend: Backend;
  token: string | null;
  runtime: NetRuntime | null;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

async function newMember(dir: string, index: number): Promise<Member> {
  const backend = createBackend({ dataDir: dir });
  const member: Member = {
    backend,
    token: null,
    runtime: null,
    async call(channel, input) {
      const result = await backend.dispatch({ sessionToken: member.token }, channel, input);
      if (result.session !== undefined) member.token = result.session;
      if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.message}`);
      return result.envelope.value as never;
    },
  };
  const who = `tec${index}`;
  await member.call('auth.setup', { username: who, email: `${who}@bench.example`, fullName: `Técnico ${index}`, password: 'bench-password-1', companyName: 'Bench' });
  await member.call('auth.login', { login: who, password: 'bench-password-1' });
  return member;
}

const services = (backend: Backend) => ({ db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events });

/** Resolves when `member` hears of ticket `id` (the domain event a remote row emits), within `timeoutMs`. */
function seen(member: Member, id: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`ticket ${id} not seen within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = member.backend.events.on((event) => {
      if (event.entity === 'ticket' && event.id === id) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

export async function measureNetSync(workDir: string, log: (line: string) => void): Promise<SyncFigure[]> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const port = await freePort();
  const hubUrl = `https://127.0.0.1:${port}`;
  const { child, api } = await startHubProcess(path.join(workDir, 'hub'), port);
  const members: Member[] = [];
  try {
    await api.call('auth.setup', { username: 'admin', email: 'admin@bench.example', fullName: 'Admin', password: 'bench-password-1', companyName: 'Bench' });
    await api.call('auth.login', { login: 'admin', password: 'bench-password-1' });
    await api.call('team.create', { name: 'Bench', deviceName: 'Hub' });
    for (let i = 0; i < 100 && !(await api.call('team.hubGet', {})).running; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 20; i++) await api.call('tickets.create', { title: `Hub ticket ${i}` });

    log(`  net sync: pairing ${MEMBERS} members with the hub…`);
    for (let i = 0; i < MEMBERS; i++) {
      const member = await newMember(path.join(workDir, `m${i}`), i);
      const { code } = await api.call('team.pairCode', {});
      await member.call('team.pairWithHub', { url: hubUrl, code });
      members.push(member);
    }

    // 1. A → hub → B with background sync only (the shipped timings).
    const [a, b] = members as [Member, Member];
    a.runtime = startNetRuntime(services(a.backend), { mdns: false });
    b.runtime = startNetRuntime(services(b.backend), { mdns: false });
    await a.runtime.syncNow();
    await b.runtime.syncNow();
    const visible: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const started = performance.now();
      const ticket = await a.call('tickets.create', { title: `Visible en B ${i}` });
      await seen(b, ticket.id, 40_000);
      visible.push(performance.now() - started);
    }
    await a.runtime.close();
    await b.runtime.close();

    // 2. All members at once, several times, while the hub's window lists tickets.
    const rounds: number[] = [];
    const hubCalls: number[] = [];
    let busy = true;
    const probe = (async () => {
      while (busy) {
        const started = performance.now();
        await api.call('tickets.list', {});
        hubCalls.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    for (let r = 0; r < CONCURRENT_ROUNDS; r++) {
      for (const [i, member] of members.entries()) await member.call('tickets.create', { title: `Ronda ${r} miembro ${i}` });
      await Promise.all(
        members.map(async (member) => {
          const started = performance.now();
          await syncRound(services(member.backend));
          rounds.push(performance.now() - started);
        }),
      );
    }
    busy = false;
    await probe;

    const visibleP95 = Math.round(p(visible, 0.95));
    const roundP95 = Math.round(p(rounds, 0.95));
    const hubP95 = Number(p(hubCalls, 0.95).toFixed(1));
    return [
      { name: 'LAN: change on A visible on B through the hub (background), p95', value: visibleP95, unit: 'ms', budget: `≤ ${BUDGET.visibleMs} ms`, ok: visibleP95 <= BUDGET.visibleMs },
      { name: `LAN: ${MEMBERS} members syncing at once, round p95`, value: roundP95, unit: 'ms', budget: `≤ ${BUDGET.roundMs} ms`, ok: roundP95 <= BUDGET.roundMs },
      {
        name: `LAN: the hub's tickets.list (browser mode) during those rounds, p95`,
        value: hubP95,
        unit: 'ms',
        budget: `≤ ${BUDGET.hubCallMs} ms`,
        ok: hubP95 <= BUDGET.hubCallMs,
      },
    ];
  } finally {
    for (const member of members) {
      await member.runtime?.close();
      member.backend.close();
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await measureNetSync(path.resolve('bench/.cache/sync-net'), (line) => process.stderr.write(`${line}\n`));
  for (const figure of figures) process.stdout.write(`| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.budget} | ${figure.ok ? '✓' : '✗'} |\n`);
}
