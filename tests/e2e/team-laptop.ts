// A laptop for the team e2e tests: a second install in its own temp folder, driven through its channels, that joined
// the office's team with an invitation and received the office's data (as a first exchange would bring it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InputOf } from '../../electron/contract';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { exchange, memberOf, replayOpLog } from '../sync/support';
import { ADMIN, Caller, type E2eApp } from './support';

export interface TeamLaptop {
  backend: Backend;
  /** Signed in as ADMIN (one user with the office's: same e-mail). */
  admin: Caller;
  close(): void;
}

/** Joins `deviceName` to the team of `office` (which must be in one, as its founder) and gives it the office's ops. */
export async function joinedLaptop(office: E2eApp, deviceName: string): Promise<TeamLaptop> {
  const invitation = await office.admin.call('team.invite', { memberName: deviceName });
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-e2e-laptop-'));
  const backend = createBackend({ dataDir: dir });
  const admin = new Caller(backend);
  await admin.call('auth.setup', ADMIN);
  await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await admin.call('team.join', { invite: Buffer.from(invitation.bytes).toString('utf8'), deviceName });
  replayOpLog(office.backend.database.sqlite, backend.database.sqlite, backend.clock.now().getTime());
  return {
    backend,
    admin,
    close() {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The two meet (a LAN round, or a bundle each way): each applies what it lacks of the other. */
export function meetOffice(office: E2eApp, laptop: TeamLaptop): void {
  exchange(memberOf(office), memberOf({ backend: laptop.backend, clock: laptop.backend.clock }));
}

async function settled(caller: Caller, jobId: string) {
  for (;;) {
    const job = await caller.call('sync.jobStatus', { jobId });
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a bundle export through the channels and returns the .emsync bytes. */
export async function exportThrough(caller: Caller, input: InputOf<'sync.exportStart'>): Promise<Buffer> {
  const { jobId } = await caller.call('sync.exportStart', input);
  const job = await settled(caller, jobId);
  if (job.status !== 'done') throw new Error(`export ${job.status}: ${JSON.stringify(job.error)}`);
  return Buffer.from((await caller.call('sync.exportResult', { jobId })).bytes);
}

export async function importThrough(caller: Caller, bundle: Buffer): Promise<void> {
  const { jobId } = await caller.call('sync.importStart', { bundle: bundle.toString('base64') });
  const job = await settled(caller, jobId);
  if (job.status !== 'done') throw new Error(`import ${job.status}: ${JSON.stringify(job.error)}`);
}
