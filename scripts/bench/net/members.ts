// The simulated members, in a process apart from the hub and the probe. Each member is a full copy in its own data
// folder that pairs with the hub through a code (joining from the hub's snapshot). Then:
// (a) members A and B run the shipped background sync; A creates a ticket and B hears it through the hub; repeated.
// (b) one untimed round brings every member level with the hub; then every member makes a change and all run a round
//     against the hub at once; repeated. With EMERALD_BENCH_NET_APPLY=0 the members push and pull through the shipped
//     protocol but only count what they pull (countingRound in benchMember.ts): the hub's side of a round alone, as if
//     each member applied on a machine of its own.
// argv: <workDir> <hubSyncUrl> <apiBase> <members> <samples> <rounds> <outFile>; token in EMERALD_TOKEN, admin password in
// EMERALD_BENCH_PASSWORD. Writes the samples and the wall-clock windows of each phase to outFile, then prints MEMBERS_RESULT.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { countingRound, openMember, servicesOf, settleCheckpoints, type Member } from './benchMember';
import { startNetRuntime } from '../../../electron/services/sync/background/runtime';
import { pairWithHub, syncRound } from '../../../electron/services/sync/net/hubClient';
import { HubApi, report, wallMs } from './hubApi';

const [workDir = '', hubUrl = '', apiBase = '', membersArg = '30', samplesArg = '20', roundsArg = '5', outFile = 'members.json'] = process.argv.slice(2);
const password = process.env.EMERALD_BENCH_PASSWORD ?? '';
const api = new HubApi(apiBase, process.env.EMERALD_TOKEN ?? '');
await api.call('auth.login', { login: 'admin', password });

const log = (line: string) => process.stderr.write(`${line}\n`);

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

const members: Member[] = [];
// The bench's process went away: so does this one.
process.stdin.on('end', () => process.exit(1)).resume();
try {
  const pairingFrom = wallMs();
  for (let i = 0; i < Number(membersArg); i++) {
    members.push(await pairedMember(i));
    if (i % 5 === 4) log(`  net sync: ${i + 1} members paired`);
  }
  const pairingMs = (wallMs() - pairingFrom) / members.length;

  // (a) A → hub → B, background sync only, shipped timings.
  const [a, b] = members as [Member, Member];
  const runtimes = [startNetRuntime(servicesOf(a), { mdns: false }), startNetRuntime(servicesOf(b), { mdns: false })];
  for (const runtime of runtimes) await runtime.syncNow();
  const visibleFrom = wallMs();
  const visible: number[] = [];
  for (let i = 0; i < Number(samplesArg); i++) {
    // A person's pace, not in lockstep with B's long poll.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
    const started = wallMs();
    const ticket = await a.call('tickets.create', { title: `Visible en B ${i}` });
    await seen(b, ticket.id, 60_000);
    visible.push(wallMs() - started);
  }
  const visibleTo = wallMs();
  for (const runtime of runtimes) await runtime.close();

  // (b) Everyone at once.
  const applyPulled = process.env.EMERALD_BENCH_NET_APPLY !== '0';
  /** Every member runs a round against the hub at once; each one's time, in ms. */
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
  // Untimed: the members other than A and B are the (a) phase's tickets behind; one round brings every copy level,
  // so each timed round carries what its name says, one change from each member.
  const catchUp = await allAtOnce();
  log(`  net sync: catch-up round after (a), not counted: fastest ${Math.round(Math.min(...catchUp))} ms, slowest ${Math.round(Math.max(...catchUp))} ms`);
  const rounds: number[] = [];
  // Each concurrent round's span, for the hub's reads during them (not the changes and pauses between them).
  const roundWindows: [number, number][] = [];
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const [i, member] of members.entries()) await member.call('tickets.create', { title: `Ronda ${r} miembro ${i}` });
    await settleCheckpoints();
    const roundFrom = wallMs();
    const these = await allAtOnce();
    roundWindows.push([roundFrom, wallMs()]);
    rounds.push(...these);
    log(`  net sync: round ${r + 1}${applyPulled ? '' : ' (pulled ops counted, not applied)'}: fastest ${Math.round(Math.min(...these))} ms, slowest ${Math.round(Math.max(...these))} ms`);
  }
  writeFileSync(outFile, JSON.stringify({ pairingMs, visible, rounds, applyPulled, windows: { visible: [visibleFrom, visibleTo], rounds: roundWindows } }));
  report('MEMBERS_RESULT', { file: outFile });
  // Done: the bench deletes the folders; leaving now also lets a CPU profile be written before the bench stops us.
  process.exit(0);
} finally {
  for (const member of members) member.backend.close();
}
