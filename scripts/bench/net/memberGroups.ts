// Simulated members in groups, a process each, as the LAN bench runs them: laptops are machines of their own, so one
// process would apply every member's pull one after the other on one core, and a member's process must not take the
// hub machine's CPU. The bench drives each group with one JSON command a line on stdin; the group answers each with
// `DONE_<step> <json>` on stdout.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { report } from './hubApi';

/** Group processes for a bench: `fromEnv` if set, else as many as the machine has cores (up to four). */
export const memberProcesses = (fromEnv: string | undefined): number => Number(fromEnv ?? Math.min(4, availableParallelism()));

/** `members` split into `processes` runs of consecutive indexes: [first, count] each (the first group holds members 0 and 1). */
export function memberGroups(members: number, processes: number): [number, number][] {
  const count = Math.max(1, Math.min(processes, Math.floor(members / 2)));
  return Array.from({ length: count }, (_, g) => {
    const first = Math.floor((g * members) / count);
    return [first, Math.floor(((g + 1) * members) / count) - first];
  });
}

/**
 * A simulated laptop's process: on Linux under SCHED_IDLE (chrt), so it runs only on CPU the hub machine's own
 * processes leave idle, as another machine would; elsewhere at the lowest nice. Its garbage collector runs on its own
 * thread only: V8's parallel GC helpers, even under SCHED_IDLE, held a CPU for up to a scheduler tick (4 ms) while a
 * thread of the hub machine waited for it (measured with perf sched on this VM), which another machine never does.
 */
export function spawnAsOtherMachine(nodeArgs: string[], options: SpawnOptions): ChildProcess {
  const args = ['--single-threaded-gc', ...nodeArgs];
  if (process.platform === 'linux') return spawn('chrt', ['--idle', '0', process.execPath, ...args], options);
  const child = spawn(process.execPath, args, options);
  if (child.pid !== undefined) setPriority(child.pid, 19);
  return child;
}

/** The bench's side: writes `order` with the next step number; the tag its answer comes under. */
export function orderWriter(): (child: ChildProcess, order: object) => string {
  let step = 0;
  return (child, order) => {
    const current = step++;
    child.stdin?.write(`${JSON.stringify({ ...order, step: current })}\n`);
    return `DONE_${current}`;
  };
}

/**
 * The group's side: runs each command in order and answers it; a command that fails ends the process (the bench
 * reports its output). When stdin ends (the bench is done, or gone), `close` runs and the process exits.
 */
export function serveOrders<C extends { do: string }>(run: (command: C) => Promise<unknown>, close: () => Promise<void> | void, log: (line: string) => void): void {
  const commands = createInterface({ input: process.stdin });
  commands.on('close', () => {
    void Promise.resolve(close()).finally(() => process.exit(0));
  });
  let queue = Promise.resolve();
  commands.on('line', (line) => {
    const command = JSON.parse(line) as C & { step: number };
    queue = queue
      .then(() => run(command))
      .then((value) => report(`DONE_${command.step}`, value ?? null))
      .catch((error: unknown) => {
        log(`failed at ${command.do}: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      });
  });
}
