// The sync.* channels: export and import as jobs with progress events, chunked upload, refusals as failed jobs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import type { DomainEvent, InputOf } from '../../electron/contract';
import type { SyncJobDto } from '../../electron/contract/sync';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { importBundle } from '../../electron/services/sync/bundle-import';
import { startDomainApp } from '../domain/fixtures';
import { ADMIN, startTestApp, type Caller, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { bulkCustomers, createTeamOn, deviceOf, inviteOn, joinOn } from './bundle-fixture';
import { replayOpLog } from './support';

const apps: TestApp[] = [];
afterAll(() => apps.splice(0).forEach((app) => app.close()));

async function settled(caller: Caller, jobId: string): Promise<SyncJobDto> {
  for (;;) {
    const status = await caller.call('sync.jobStatus', { jobId });
    if (status.status !== 'running') return status;
    await sleep(10);
  }
}

async function exportVia(caller: Caller, input: { to?: string; snapshot?: boolean } = {}): Promise<Buffer> {
  const { jobId } = await caller.call('sync.exportStart', input);
  expect(await settled(caller, jobId)).toMatchObject({ kind: 'export', status: 'done' });
  const file = await caller.call('sync.exportResult', { jobId });
  expect(file.fileName).toMatch(/\.emsync$/);
  return Buffer.from(file.bytes);
}

/** Sends a bundle in pieces, as browser mode must (2 MB bodies). */
async function upload(caller: Caller, bytes: Buffer, pieces: number): Promise<string> {
  const text = bytes.toString('base64');
  // Cut on 4-character boundaries so every piece is valid base64 on its own.
  const size = Math.ceil(text.length / pieces / 4) * 4;
  let uploadId: string | undefined;
  for (let at = 0; at < text.length; at += size) {
    const last = at + size >= text.length;
    const answer = await caller.call('sync.uploadChunk', { ...(uploadId ? { uploadId } : {}), chunk: text.slice(at, at + size), last });
    uploadId = answer.uploadId;
  }
  return uploadId as string;
}

it('exports, uploads in chunks and imports through the channels, with progress events and a summary', async () => {
  const f = await startDomainApp();
  apps.push(f.app);
  await f.admin.call('tickets.create', { title: 'Router caído', description: 'Sin conexión', customerId: f.customerId });
  await createTeamOn(f.app);
  const invite = await inviteOn(f.app);
  const b = await startTestApp({ setup: false });
  apps.push(b);
  joinOn(b, invite);

  // Not in a team: refused at once, no job.
  const loner = await startDomainApp();
  apps.push(loner.app);
  const refused = await loner.admin.envelope('sync.exportStart', {});
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'not_in_team' } } });

  const events: DomainEvent[] = [];
  f.app.backend.events.on((event) => events.push(event));
  const first = await exportVia(f.admin);
  expect(events.some((event) => event.entity === 'job' && event.kind === 'progress' && event.progress?.label === 'sync')).toBe(true);

  // B has nobody to sign in as until the team's users arrive: its first bundle goes in through the service,
  // then B's caller gets a session as the admin that bundle brought.
  const adminB = b.caller();
  const firstFile = path.join(b.dir, 'first.emsync');
  writeFileSync(firstFile, first);
  await importBundle({ sqlite: b.backend.database.sqlite, clock: b.clock, events: b.backend.events }, { file: firstFile });
  const adminId = (b.backend.database.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  adminB.token = b.backend.sessions.create(adminId);

  // More on A, then to B in three chunks (A never heard from B, so --to B sends everything: the rest are duplicates).
  bulkCustomers(f.app, 2500);
  const second = await exportVia(f.admin, { to: deviceOf(b.backend.database.sqlite) });
  const uploadId = await upload(adminB, second, 3);
  const { jobId } = await adminB.call('sync.importStart', { uploadId });
  const done = await settled(adminB, jobId);
  expect(done).toMatchObject({ kind: 'import', status: 'done', summary: { kind: 'ops', applied: 2500, gaps: 0 } });
  expect(done.done).toBe(done.total);

  // B's membership back to A, whole, as base64; then both digests agree.
  const fromB = await exportVia(adminB, { to: deviceOf(f.app.backend.database.sqlite) });
  const back = await f.admin.call('sync.importStart', { bundle: fromB.toString('base64') });
  expect(await settled(f.admin, back.jobId)).toMatchObject({ status: 'done' });
  expect((await adminB.call('sync.digest', {})).digest).toBe((await f.admin.call('sync.digest', {})).digest);

  // A tampered bundle: the job fails with the reason, B unchanged.
  const digest = (await adminB.call('sync.digest', {})).digest;
  const tampered = Buffer.from(second);
  tampered[tampered.length - 100] = tampered[tampered.length - 100]! ^ 0xff;
  const bad = await adminB.call('sync.importStart', { bundle: tampered.toString('base64') });
  expect(await settled(adminB, bad.jobId)).toMatchObject({ status: 'failed', error: { code: 'VALIDATION', details: { reason: 'tampered' } } });
  expect((await adminB.call('sync.digest', {})).digest).toBe(digest);

  // Another user's job is invisible; a result is fetched once.
  expect(await loner.admin.failure('sync.jobStatus', { jobId: bad.jobId })).toBe('NOT_FOUND');
  expect(await adminB.failure('sync.importStart', { bundle: 'AAAA', uploadId })).toBe('VALIDATION');
});

/** An office that made a team, and a member that joined it with the office's invitation (nothing exchanged yet). */
async function officeAndMember(memberName: string) {
  const f = await startDomainApp();
  apps.push(f.app);
  await createTeamOn(f.app);
  const b = await startTestApp({ setup: false });
  apps.push(b);
  joinOn(b, await inviteOn(f.app), memberName);
  return { f, b };
}

it('names a file for a member by its name, in the language asked, safe on any file system; any other (a snapshot too) by this device', async () => {
  const { f, b } = await officeAndMember('Portátil: Tomás / Ñ "taller" 2º <planta> ☃ con un nombre larguísimo');
  // The office learns the member's name from its ops.
  replayOpLog(b.backend.database.sqlite, f.app.backend.database.sqlite, f.app.clock.now().getTime());
  const fileName = async (input: InputOf<'sync.exportStart'>) => {
    const { jobId } = await f.admin.call('sync.exportStart', input);
    expect(await settled(f.admin, jobId)).toMatchObject({ status: 'done' });
    return (await f.admin.call('sync.exportResult', { jobId })).fileName;
  };
  const [office, member] = [deviceOf(f.app.backend.database.sqlite), deviceOf(b.backend.database.sqlite)];
  expect(await fileName({ to: member })).toMatch(/^emerald-cambios-para-portatil-tomas-n-taller-2-planta-con-un-\d{14}\.emsync$/);
  expect(await fileName({ to: member, language: 'es' })).toMatch(/^emerald-cambios-para-portatil-tomas-n-taller-2-planta-con-un-\d{14}\.emsync$/);
  expect(await fileName({ to: member, language: 'en' })).toMatch(/^emerald-changes-for-portatil-tomas-n-taller-2-planta-con-un-\d{14}\.emsync$/);
  // A device the office never heard of is named by its id.
  expect(await fileName({ to: '0123456789abcdef', language: 'en' })).toMatch(/^emerald-changes-for-0123456789abcdef-\d{14}\.emsync$/);
  expect(await fileName({})).toMatch(new RegExp(`^emerald-cambios-${office}-\\d{14}\\.emsync$`));
  expect(await fileName({ language: 'en' })).toMatch(new RegExp(`^emerald-changes-${office}-\\d{14}\\.emsync$`));
  expect(await fileName({ to: member, full: true })).toMatch(new RegExp(`^emerald-cambios-${office}-\\d{14}\\.emsync$`));
  expect(await fileName({ snapshot: true, language: 'en' })).toMatch(new RegExp(`^emerald-snapshot-${office}-\\d{14}\\.emsync$`));
  // A snapshot is named in the screen's language as well (it was 'snapshot' on a Spanish screen).
  expect(await fileName({ snapshot: true, language: 'es' })).toMatch(new RegExp(`^emerald-instantanea-${office}-\\d{14}\\.emsync$`));
  expect(await fileName({ snapshot: true })).toMatch(new RegExp(`^emerald-instantanea-${office}-\\d{14}\\.emsync$`));
  // Stamped on the company clock, as the settings say file names are: 10:29 UTC is 11:29 in Madrid in December.
  await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone: 'Europe/Madrid' });
  f.app.clock.set('2026-12-06T10:29:54.000Z');
  await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password }); // the clock's jump ended the session
  expect(await fileName({ snapshot: true })).toBe(`emerald-instantanea-${office}-20261206112954.emsync`);
});

it('an export counts as sent once its file is handed over: one that carries nothing, held, moves no last export until asked for', async () => {
  const { f, b } = await officeAndMember('Portátil de Tomás');
  const [office, member] = [deviceOf(f.app.backend.database.sqlite), deviceOf(b.backend.database.sqlite)];
  // The member holds everything the office has, and the office knows it: the member's own file came back to it.
  replayOpLog(f.app.backend.database.sqlite, b.backend.database.sqlite, b.clock.now().getTime());
  const back = path.join(b.dir, 'back.emsync');
  await exportBundle({ sqlite: b.backend.database.sqlite, clock: b.clock }, { out: back, to: office });
  const imported = await f.admin.call('sync.importStart', { bundle: readFileSync(back).toString('base64') });
  expect(await settled(f.admin, imported.jobId)).toMatchObject({ status: 'done' });
  const status = () => f.admin.call('team.status', {});
  const before = await status();
  expect(before).toMatchObject({ lastExportAt: null, lastSentAt: null });
  expect(before.unsentOps).toBeGreaterThan(0);

  // Nothing the member lacks: the screen says so and holds the file. Not a send.
  f.app.clock.advance(60_000);
  const empty = await f.admin.call('sync.exportStart', { to: member });
  expect(await settled(f.admin, empty.jobId)).toMatchObject({ status: 'done', summary: { kind: 'ops', ops: 0 } });
  expect(await status()).toMatchObject({ lastExportAt: null, lastSentAt: null, lastExchangeAt: before.lastExchangeAt, unsentOps: before.unsentOps });
  // Asked for anyway, the file is handed over: it counts, at the export's moment.
  f.app.clock.advance(60_000);
  await f.admin.call('sync.exportResult', { jobId: empty.jobId });
  const acknowledged = await status();
  expect(acknowledged).toMatchObject({ lastExportAt: '2026-03-02T09:01:00.000Z', lastSentAt: '2026-03-02T09:01:00.000Z', unsentOps: 0 });

  // A file with changes counts when handed over too, and only what it carried is sent: not a change made while it waited.
  f.app.clock.advance(60_000);
  await f.admin.call('tickets.create', { title: 'Caldera sin presión' });
  const carried = (await status()).unsentOps;
  expect(carried).toBeGreaterThan(0);
  f.app.clock.advance(60_000);
  const full = await f.admin.call('sync.exportStart', {});
  expect(await settled(f.admin, full.jobId)).toMatchObject({ status: 'done' });
  expect(await status()).toMatchObject({ lastExportAt: acknowledged.lastExportAt, unsentOps: carried });
  f.app.clock.advance(60_000);
  await f.admin.call('tickets.create', { title: 'Termostato sin pantalla' });
  const waiting = (await status()).unsentOps;
  await f.admin.call('sync.exportResult', { jobId: full.jobId });
  expect(await status()).toMatchObject({ lastExportAt: '2026-03-02T09:04:00.000Z', unsentOps: waiting - carried });
});
