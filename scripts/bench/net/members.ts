// A group of simulated members, in a process apart from the hub and the probe; the bench runs several groups (laptops
// are machines of their own: one process would apply every member's pull one after the other on one core). Each member
// is a full copy in its own data folder that pairs with the hub through a code (joining from the hub's snapshot).
// Driven by the bench, one JSON command a line on stdin, each answered by `DONE_<step>` on stdout:
// - pair: pairs this group's members one after the other;
// - visible {samples}: members A and B (this group's first two) run the shipped background sync; A creates a ticket and
//   B hears it through the hub; repeated. Answers each sample's ms;
// - prepare {round}: every member of the group makes one change, then the copies' idle checkpoints are let run;
// - round: every member of the group runs a round against the hub at once. Answers each member's ms. With
//   EMERALD_BENCH_NET_APPLY=0 they push and pull through the shipped protocol but only count what they pull
//   (countingRound in benchMember.ts): the hub's side of a round alone.
// argv: <workDir> <hubSyncUrl> <apiBase> <firstIndex> <count>; token in EMERALD_TOKEN, admin password in
// EMERALD_BENCH_PASSWORD. Ends when stdin does.
import path from 'node:path';
import { countingRound, openMember, servicesOf, settleCheckpoints, type Member } from './benchMember';
import { startNetRuntime } from '../../../electron/services/sync/background/runtime';
import { pairWithHub, syncRound } from '../../../electron/services/sync/net/hubClient';
import { HubApi, wallMs } from './hubApi';
import { serveOrders } from './memberGroups';

export type GroupOrder = { do: 'pair' } | { do: 'visible'; samples: number } | { do: 'prepare'; round: number } | { do: 'round' };

const [workDir = '', hubUrl = '', apiBase = '', firstArg = '0', countArg = '30'] = process.argv.slice(2);
const first = Number(firstArg);
const password = process.env.EMERALD_BENCH_PASSWORD ?? '';
const api = new HubApi(apiBase, process.env.EMERALD_TOKEN ?? '');
const applyPulled = process.env.EMERALD_BENCH_NET_APPLY !== '0';
const log = (line: string) => process.stderr.write(`${line}\n`);
const members: Member[] = [];

async function pairedMember(index: number): Promise<Member> {
  const dir = path.join(workDir, `m${index}`);
  const member = openMember(dir);
  const { code } = await api.call('team.pairCode', {});
  // An empty copy: pairing joins the team from the hub's snapshot; the team's admin then signs in here.
  await pairWithHub({ ...servicesOf(member), actor: null }, { url: hubUrl, code, deviceName: `Portátil ${index}` });
  await member.call('auth.login', { login: 'admin', password });
  return member;
}

/** Resolves when `member` hears of ticket `id` (the domain event a remote row emits). */
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

/** A → hub → B, background sync only, shipped timings; each sample's ms. */
async function visibleSamples(samples: number): Promise<number[]> {
  const [a, b] = members as [Member, Member];
  const runtimes = [startNetRuntime(servicesOf(a), { mdns: false }), startNetRuntime(servicesOf(b), { mdns: false })];
  for (const runtime of runtimes) await runtime.syncNow();
  const visible: number[] = [];
  for (let i = 0; i < samples; i++) {
    // A person's pace, not in lockstep with B's long poll.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
    const started = wallMs();
    const ticket = await a.call('tickets.create', { title: `Visible en B ${i}` });
    await seen(b, ticket.id, 60_000);
    visible.push(wallMs() - started);
  }
  for (const runtime of runtimes) await runtime.close();
  return visible;
}

/** Every member of the group runs a round against the hub at once; each one's time, in ms. */
const allAtOnce = () =>
  Promise.all(
    members.map(async (member) => {
      const started = wallMs();
      const steps: string[] = [];
      if (applyPulled) await syncRound(servicesOf(member), undefined, { onProgress: ({ phase, done }) => steps.push(`${phase} ${done} at ${Math.round(wallMs() - started)} ms`) });
      else await countingRound(member);
      const took = wallMs() - started;
      if (took > 5_000) log(`  net sync: a slow round (${Math.round(took)} ms): ${steps.join(', ')}`);
      return took;
    }),
  );

async function run(command: GroupOrder): Promise<unknown> {
  switch (command.do) {
    case 'pair':
      await api.call('auth.login', { login: 'admin', password });
      for (let i = first; i < first + Number(countArg); i++) members.push(await pairedMember(i));
      return { paired: members.length };
    case 'visible':
      return visibleSamples(command.samples);
    case 'prepare':
      for (const [i, member] of members.entries()) await member.call('tickets.create', { title: `Ronda ${command.round} miembro ${first + i}` });
      await settleCheckpoints();
      return null;
    case 'round':
      return allAtOnce();
  }
}

serveOrders<GroupOrder>(
  run,
  () => members.forEach((member) => member.backend.close()),
  (line) => log(`  net sync: members ${first}–${first + Number(countArg) - 1} ${line}`),
);
