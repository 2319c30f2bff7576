// The simulated members of the central hub bench, in a process apart from the hub. Each member is a full copy in its
// own data folder that pairs through a code made in PostgreSQL (joining from the hub's op log). Then:
// (b) every member makes a change, then all run a round against the hub at once; repeated;
// (a) ingest: member 0 writes EMERALD_BENCH_PG_INGEST tickets in one transaction and pushes them (pages of 500, as
//     shipped); ops per second as the hub acknowledges them.
// EMERALD_BENCH_PG_APPLY=0: in (b) the members push and pull through the shipped protocol but only count what they
// pull (countingRound in net/benchMember.ts): the hub's side of a round alone, as if each member applied on a machine
// of its own.
// The rounds come first so no member has to take the ingest's batch before them (a catch-up of every member that
// cost far more than what is measured). Tickets, not customers: a customer's insert reads every customer with its
// folded name (seen.ts), so a 20,000-row batch costs minutes to write on the laptop before anything is measured.
// argv: <workDir> <hubUrl> <postgresUrl> <members> <rounds> <ingestOps> <outFile>; admin password in EMERALD_BENCH_PASSWORD.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { countingRound, openMember, servicesOf, settleCheckpoints, type Member } from '../net/benchMember';
import { inTransaction } from '../../../electron/services/context';
import { newId } from '../../../electron/services/ids';
import { pairWithHub, syncRound } from '../../../electron/services/sync/net/hubClient';
import { openHubPool } from '../../../electron/services/sync/pg/pgHubDb';
import { pgActingAdmin, pgMakePairingCode } from '../../../electron/services/sync/pg/pgPairingCodes';
import { loadActor } from '../../../electron/services/users';
import { report, wallMs } from '../net/hubApi';

const [workDir = '', hubUrl = '', postgresUrl = '', membersArg = '100', roundsArg = '3', ingestArg = '20000', outFile = 'members.json'] = process.argv.slice(2);
const password = process.env.EMERALD_BENCH_PASSWORD ?? '';
const log = (line: string) => process.stderr.write(`  pg hub: ${line}\n`);


const pool = openHubPool(postgresUrl, 2);
const admin = await pgActingAdmin(pool, undefined);

async function pairedMember(index: number): Promise<Member> {
  const dir = path.join(workDir, `m${index}`);
  const member = openMember(dir);
  const { code } = await pgMakePairingCode(pool, admin.id, new Date());
  // The hub process reloads its codes at once after a miss: the laptop's second try finds this one.
  const pair = () => pairWithHub({ ...servicesOf(member), actor: null }, { url: hubUrl, code, deviceName: `Portátil ${index}` });
  await pair().catch(async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return pair();
  });
  await member.call('auth.login', { login: 'admin', password });
  return member;
}

/** `count` tickets written in one transaction through the write path (capture triggers make one op each). */
function bulkTickets(member: Member, count: number): void {
  const { sqlite } = member.backend.database;
  const userId = (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  const insert = sqlite.prepare('INSERT INTO tickets (id, code, title, creator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  inTransaction({ ...servicesOf(member), actor: loadActor(sqlite, userId) }, () => {
    const at = new Date().toISOString();
    // Codes outside every slot's range (TK-year-SSNNNN), so the rounds' own tickets never meet them.
    for (let i = 0; i < count; i++) insert.run(newId(), `BULK-${String(i).padStart(6, '0')}`, `Ticket masivo ${i}`, userId, at, at);
  });
}

const applyPulled = process.env.EMERALD_BENCH_PG_APPLY !== '0';
const members: Member[] = [];
process.stdin.on('end', () => process.exit(1)).resume();
try {
  const pairingFrom = wallMs();
  for (let i = 0; i < Number(membersArg); i++) {
    members.push(await pairedMember(i));
    if (i % 10 === 9) log(`${i + 1} members paired`);
  }
  const pairingMs = (wallMs() - pairingFrom) / members.length;

  // Everyone takes the others' pairing before the rounds, so (b) measures small rounds.
  for (const member of members) await syncRound(servicesOf(member));

  // (b) Everyone at once.
  const rounds: number[] = [];
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const [i, member] of members.entries()) await member.call('tickets.create', { title: `Ronda ${r} miembro ${i}` });
    await settleCheckpoints();
    const these: number[] = [];
    await Promise.all(
      members.map(async (member) => {
        const started = wallMs();
        await (applyPulled ? syncRound(servicesOf(member)) : countingRound(member));
        these.push(wallMs() - started);
      }),
    );
    rounds.push(...these);
    log(`round ${r + 1}${applyPulled ? '' : ' (pulled ops counted, not applied)'}: fastest ${Math.round(Math.min(...these))} ms, slowest ${Math.round(Math.max(...these))} ms`);
  }

  // (a) Ingest through the network: one member's big batch, pushed as shipped.
  const first = members[0]!;
  await syncRound(servicesOf(first));
  bulkTickets(first, Number(ingestArg));
  // The member's checkpoint of its own big write (its idle timer, a second later) runs before, not inside, the push,
  // as before the rounds: it held the member's thread for ~140 ms during the first request.
  await settleCheckpoints();
  const ingestFrom = wallMs();
  const pushed = await syncRound(servicesOf(first));
  const ingestMs = wallMs() - ingestFrom;
  log(`ingest: ${pushed.sent} ops in ${Math.round(ingestMs)} ms`);
  writeFileSync(outFile, JSON.stringify({ pairingMs, ingest: { ops: pushed.sent, ms: ingestMs }, rounds, applyPulled }));
  report('MEMBERS_RESULT', { file: outFile });
  process.exit(0);
} finally {
  for (const member of members) member.backend.close();
  await pool.end();
}
