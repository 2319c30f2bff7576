// LAN sync figures, each side in its own process, as in an office:
// - the hub: `serve --hub` (browser mode with hub mode on) over a demo dataset of EMERALD_BENCH_NET_TICKETS tickets;
// - the members: 30 empty copies that pair with the hub (joining from its snapshot), in as many processes of
//   bench/net/members.ts as the machine has cores (up to 4), under SCHED_IDLE (they stand for laptops: other machines
//   that apply on CPUs of their own, not rivals of the hub machine's window and hub thread for their CPU);
// - the hub's window: bench/net/probe.ts, reading (and adding a note now and then) through browser mode's HTTP API the
//   whole time.
// Figures: (a) a change on member A visible on member B through the hub, background sync only, p95; (b) 30 members
// running a round against the hub at once, p95, the window reading; then as many rounds with the window also adding
// notes; (c) the hub's interactive calls during (b) (its writes during the second set), p95 against the budgets
// of scripts/bench.ts, both as the other process saw them through HTTP and as the hub's engine answered them (its
// Server-Timing header), and the same calls while the hub is idle, for comparison.
// EMERALD_BENCH_NET_APPLY=0: in (b) the members only count the ops they pull (countingRound in net/benchMember.ts).
// Run alone: `npx tsx scripts/bench/syncNet.ts`.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../demo/generate';
import { cpuProfileFlags, HubApi, p, wallMs } from './net/hubApi';
import type { GroupOrder } from './net/members';
import { memberGroups, memberProcesses, orderWriter, spawnAsOtherMachine } from './net/memberGroups';
import { BUDGET } from './budgets';
import { okMark, type SyncFigure } from './sync';
import { freePort } from '../freePort';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TICKETS = Number(process.env.EMERALD_BENCH_NET_TICKETS ?? 3000);
const MEMBERS = Number(process.env.EMERALD_BENCH_NET_MEMBERS ?? 30);
const LATENCY_SAMPLES = Number(process.env.EMERALD_BENCH_NET_SAMPLES ?? 20);
// Fifteen: about 90 calls of each kind fall in the rounds, so their p95 is not just the second slowest of thirty.
const CONCURRENT_ROUNDS = Number(process.env.EMERALD_BENCH_NET_ROUNDS ?? 15);
const MEMBER_PROCESSES = memberProcesses(process.env.EMERALD_BENCH_NET_MEMBER_PROCESSES);
const APPLY_PULLED = process.env.EMERALD_BENCH_NET_APPLY !== '0';
const IDLE_PROBE_MS = 5_000;
// The targets; the window's calls are held to the same budgets as in `npm run bench` (budgets.ts).
const NET_BUDGET = { visibleMs: 2000, roundMs: 500 };
const CALL_BUDGET = { list: BUDGET.list, detail: BUDGET.detail, agenda: BUDGET.agenda, search: BUDGET.search, note: BUDGET.write } as const;
type WindowCall = keyof typeof CALL_BUDGET;
const CALL_NAMES: Record<WindowCall, string> = { list: 'list read', detail: 'detail read', agenda: 'agenda read', search: 'search read', note: 'note write (a note added to a ticket)' };

interface Child {
  child: ChildProcess;
  /** Resolves with the JSON after `tag` on the child's stdout (rejects if it exits first). */
  line<T>(tag: string): Promise<T>;
  exited: Promise<number | null>;
  /** Ends the child; one that ends by itself gets `graceMs` first (a CPU profile is written as it exits). */
  stop(graceMs?: number): Promise<void>;
}

// EMERALD_BENCH_NET_PROF=DIR: every process writes a CPU profile there (node --cpu-prof) when it ends.
const PROFILE_DIR = process.env.EMERALD_BENCH_NET_PROF;

function startChild(script: string, args: string[], env: NodeJS.ProcessEnv, asOtherMachine = false): Child {
  const nodeArgs = [...cpuProfileFlags(PROFILE_DIR, script), '--import', 'tsx', path.join(repoRoot, script), ...args];
  const options: SpawnOptions = { cwd: repoRoot, env: { ...process.env, ...env } };
  const child = asOtherMachine ? spawnAsOtherMachine(nodeArgs, options) : spawn(process.execPath, nodeArgs, options);
  let out = '';
  let err = '';
  const waiting = new Map<string, (value: unknown) => void>();
  const look = () => {
    for (const [tag, resolve] of waiting) {
      // Whole lines only: a long report arrives in several chunks.
      const match = new RegExp(`^${tag} (.*)\n`, 'm').exec(out);
      if (match?.[1] !== undefined) {
        waiting.delete(tag);
        try {
          resolve(JSON.parse(match[1]));
        } catch {
          resolve(null);
        }
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    look();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    err += text;
    if (/^ {2}net sync:/m.test(text)) process.stderr.write(text);
  });
  // 'close', not 'exit': the child's last lines are read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    exited,
    line<T>(tag: string) {
      return new Promise<T>((resolve, reject) => {
        waiting.set(tag, resolve as (value: unknown) => void);
        look();
        void exited.then((code) => {
          if (waiting.has(tag)) reject(new Error(`${script} exited (${code}) before ${tag}:\n${out}\n${err}`));
        });
      });
    },
    async stop(graceMs = 0) {
      if (graceMs > 0) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface ProbeSample {
  call: WindowCall | 'floor';
  at: number;
  ms: number;
  engineMs: number | null;
}

export async function measureNetSync(workDir: string, log: (line: string) => void): Promise<SyncFigure[]> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const hubDir = path.join(workDir, 'hub');
  log(`  net sync: hub dataset of ${TICKETS} tickets…`);
  const demo = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'cli.ts'), 'demo', '--data-dir', hubDir, '--tickets', String(TICKETS)], { cwd: repoRoot, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`demo data failed: ${demo.stderr}`);

  const port = await freePort();
  const hubUrl = `https://127.0.0.1:${port}`;
  const token = randomBytes(16).toString('hex');
  const env = { EMERALD_TOKEN: token, EMERALD_NO_MDNS: '1', EMERALD_BENCH_PASSWORD: DEMO_PASSWORD };
  const children: Child[] = [];
  // Even if this process dies on an error, no hub, member or probe process outlives it.
  const killAll = () => children.forEach((child) => child.child.kill('SIGKILL'));
  process.once('exit', killAll);
  try {
    const hub = startChild('scripts/serve.ts', ['--port', '0', '--data-dir', hubDir, '--no-build', '--hub', `127.0.0.1:${port}`], env);
    children.push(hub);
    const apiBase = await new Promise<string>((resolve, reject) => {
      let out = '';
      hub.child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /^EMERALD_URL=(https?:\/\/[^/?\s]+)/m.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void hub.exited.then((code) => reject(new Error(`the hub process exited (${code}):\n${out}`)));
    });
    const api = new HubApi(apiBase, token);
    await api.call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    await api.call('team.create', { name: 'Bench', deviceName: 'Hub' });
    for (let i = 0; i < 100 && !(await api.call('team.hubGet', {})).running; i++) await new Promise((resolve) => setTimeout(resolve, 100));

    const probe = startChild('scripts/bench/net/probe.ts', [apiBase, path.join(workDir, 'probe.json')], env);
    children.push(probe);
    await probe.line('PROBE_READY');
    const idleFrom = wallMs();
    await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_MS));
    const idleTo = wallMs();

    // The members stand for thirty laptops, other machines: here they share the hub's cores, so they run in
    // MEMBER_PROCESSES processes (each applies its own members' pulls) on the CPU the hub machine leaves idle, and the
    // hub machine's window competes for the CPU with its hub thread only, as in an office.
    const groups = memberGroups(MEMBERS, MEMBER_PROCESSES).map(([first, count]) =>
      startChild('scripts/bench/net/members.ts', [path.join(workDir, 'members'), hubUrl, apiBase, String(first), String(count)], env, true),
    );
    children.push(...groups);
    const order = orderWriter();
    const ask = <T>(group: Child, command: GroupOrder): Promise<T> => group.line<T>(order(group.child, command));
    const everyGroup = <T>(command: GroupOrder) => Promise.all(groups.map((group) => ask<T>(group, command)));
    /** Every member of every group runs a round at once: each member's ms. */
    const roundOfAll = async () => (await everyGroup<number[]>({ do: 'round' })).flat();

    log(`  net sync: pairing ${MEMBERS} members with the hub (${groups.length} processes)…`);
    const pairingFrom = wallMs();
    // One after the other, as people pair their laptops: the figure is a member's pairing alone.
    for (const group of groups) await ask(group, { do: 'pair' });
    const pairingMs = (wallMs() - pairingFrom) / MEMBERS;
    // The window reads on but adds no notes from here on: A → B times a quiet office, and the first set of rounds the
    // members' own changes (a note every 50 ms would give each member dozens more ops to pull each round).
    probe.child.stdin?.write('quiet\n');
    const visible = await ask<number[]>(groups[0]!, { do: 'visible', samples: LATENCY_SAMPLES });
    // Untimed: the members other than A and B are the (a) phase's tickets behind; one round brings every copy level,
    // so each timed round carries what its name says, one change from each member.
    const catchUp = await roundOfAll();
    log(`  net sync: catch-up round after (a), not counted: fastest ${Math.round(Math.min(...catchUp))} ms, slowest ${Math.round(Math.max(...catchUp))} ms`);
    /** CONCURRENT_ROUNDS timed rounds: every member's ms, and each round's span (for the window's calls during them). */
    const timedRounds = async (label: string, firstRound: number) => {
      const times: number[] = [];
      const spans: [number, number][] = [];
      for (let r = 0; r < CONCURRENT_ROUNDS; r++) {
        await everyGroup({ do: 'prepare', round: firstRound + r });
        const roundFrom = wallMs();
        const these = await roundOfAll();
        spans.push([roundFrom, wallMs()]);
        times.push(...these);
        log(`  net sync: round ${firstRound + r + 1}${label}${APPLY_PULLED ? '' : ' (pulled ops counted, not applied)'}: fastest ${Math.round(Math.min(...these))} ms, slowest ${Math.round(Math.max(...these))} ms`);
      }
      return { times, spans };
    };
    const { times: rounds, spans: roundWindows } = await timedRounds('', 0);
    // Then as many rounds again with the window adding a note every sixth call: its write's time while they run.
    probe.child.stdin?.write('write\n');
    const { times: writingRounds, spans: writingWindows } = await timedRounds(' (the window adding notes)', CONCURRENT_ROUNDS);
    for (const group of groups) group.child.stdin?.end();
    probe.child.stdin?.write('stop\n');
    const samples = JSON.parse(readFileSync((await probe.line<{ file: string }>('PROBE_SAMPLES')).file, 'utf8')) as ProbeSample[];
    log(`  net sync: pairing took ${Math.round(pairingMs)} ms a member (snapshot of ${TICKETS} tickets)`);

    const within = (call: ProbeSample['call'], spans: readonly (readonly [number, number])[]) =>
      samples.filter((s) => s.call === call && spans.some(([from, to]) => s.at >= from && s.at <= to));
    const p95Of = (values: number[]) => Number(p(values, 0.95).toFixed(1));
    const slowest = (values: number[]) => [...values].sort((a, b) => b - a).slice(0, 3).map((v) => v.toFixed(1)).join(', ');
    const engineTimes = (of: ProbeSample[]) => of.flatMap((s) => (s.engineMs === null ? [] : [s.engineMs]));
    const visibleP95 = Math.round(p(visible, 0.95));
    const roundP95 = Math.round(p(rounds, 0.95));
    const size = `${TICKETS} tickets`;
    const figures: SyncFigure[] = [
      { name: `LAN (${size}): change on A visible on B through the hub (background), p95`, value: visibleP95, unit: 'ms', budget: `≤ ${NET_BUDGET.visibleMs} ms`, ok: visibleP95 <= NET_BUDGET.visibleMs },
      { name: `LAN (${size}): ${MEMBERS} members syncing at once${APPLY_PULLED ? '' : ' (each counts what it pulls, applies none)'}, round p95`, value: roundP95, unit: 'ms', budget: `≤ ${NET_BUDGET.roundMs} ms`, ok: roundP95 <= NET_BUDGET.roundMs },
      // The window's notes are more for every member to pull (about a dozen a round at the probe's pace): shown, not the target.
      { name: `LAN (${size}): the same rounds while the hub's window adds a note every sixth call, round p95`, value: Math.round(p(writingRounds, 0.95)), unit: 'ms', budget: 'for reference', ok: null },
    ];
    for (const call of Object.keys(CALL_BUDGET) as WindowCall[]) {
      const busy = within(call, call === 'note' ? writingWindows : roundWindows);
      const idle = within(call, [[idleFrom, idleTo]]);
      const value = p95Of(busy.map((s) => s.ms));
      const engineValue = p95Of(engineTimes(busy));
      log(
        `  net sync: hub ${call} p95 ${value} ms during the rounds (${busy.length} calls), ${p95Of(idle.map((s) => s.ms))} ms idle (${idle.length} calls); ` +
          `its engine's time ${engineValue} ms during the rounds (slowest ${slowest(engineTimes(busy))}), ${p95Of(engineTimes(idle))} ms idle`,
      );
      figures.push(
        {
          name: `LAN (${size}): the hub's ${CALL_NAMES[call]} as the hub's engine answered it (Server-Timing) during those rounds, p95`,
          value: engineValue,
          unit: 'ms',
          budget: `≤ ${CALL_BUDGET[call]} ms`,
          ok: engineValue <= CALL_BUDGET[call],
        },
        // The budgets are the call's as dispatched (scripts/bench.ts); browser mode's HTTP and loopback socket, which
        // the desktop app does not have, and the probe's own process are on top: shown, not held to the budget.
        {
          name: `LAN (${size}): the same ${call} call through browser mode's HTTP API from another process, p95`,
          value,
          unit: 'ms',
          budget: 'for reference',
          ok: null,
        },
      );
    }
    // What any call through the window costs at the least (the HTTP thread, the hop to the engine and back, the session
    // check, one small read), in the rounds where the note is timed: the part of the note's figure that is not the write.
    const floor = within('floor', writingWindows);
    const floorValue = p95Of(engineTimes(floor));
    log(`  net sync: hub floor (auth.me) p95 ${floorValue} ms as its engine answered it during the rounds with notes (${floor.length} calls, slowest ${slowest(engineTimes(floor))}), ${p95Of(engineTimes(within('floor', [[idleFrom, idleTo]])))} ms idle`);
    figures.push({
      name: `LAN (${size}): the least call the hub's window makes (the signed-in user, auth.me) as the hub's engine answered it (Server-Timing) during the rounds with notes, p95`,
      value: floorValue,
      unit: 'ms',
      budget: 'for reference',
      ok: null,
    });
    return figures;
  } finally {
    // The members and the probe leave by themselves once they reported (writing their profiles); the hub is stopped.
    const [hubChild, ...others] = children;
    for (const child of others.reverse()) await child.stop(PROFILE_DIR ? 60_000 : 0);
    await hubChild?.stop();
    process.off('exit', killAll);
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await measureNetSync(path.resolve('bench/.cache/sync-net'), (line) => process.stderr.write(`${line}\n`));
  for (const figure of figures) process.stdout.write(`| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.budget} | ${okMark(figure.ok)} |\n`);
}
