// The bundle figures of team sync on the bench dataset: a snapshot for a new member (time and peak memory of each
// side, each in a process of its own) and a technician's week of changes sent back to the office by file.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { importBundle } from '../../electron/services/sync/bundle-import';
import { DEMO_PASSWORD } from '../demo/generate';
import { sessionCaller } from './measure';
import { bundleMeasuredCli, measuredCli, quietCli } from './measuredCli';
import type { SyncFigure } from './sync';

/** Adds notes on the member's copy until `ops` new ops of its own exist: a technician's week, roughly. */
async function technicianWeek(backend: Backend, ops: number): Promise<void> {
  {
    const call = sessionCaller(backend);
    await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    const sqlite = backend.database.sqlite;
    const device = (sqlite.prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
    const own = () => (sqlite.prepare('SELECT count(*) AS n FROM sync_ops WHERE device_id = ?').get(device) as { n: number }).n;
    const target = own() + ops;
    const tickets = sqlite.prepare("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY updated_at DESC LIMIT 100").all() as { id: string }[];
    for (let i = 0; own() < target; i++) {
      await call('tickets.addNote', { id: tickets[i % tickets.length]!.id, content: `Visita ${i}: revisado el equipo, sustituido el filtro y probado con el cliente.` });
    }
  }
}

const contextOf = (backend: Backend) => ({ sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events });

/**
 * A week of a technician's changes reaches the office by file, both apps already running: export on the laptop,
 * import at the office (verify, apply, commit). The median of three weeks.
 */
async function weekRoundTrips(office: Backend, memberDir: string, workDir: string): Promise<{ ms: number; ops: number }> {
  const member = createBackend({ dataDir: memberDir });
  const officeDevice = (office.database.sqlite.prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
  const times: number[] = [];
  let ops = 0;
  try {
    for (let week = 0; week < 3; week++) {
      await technicianWeek(member, 500);
      const file = path.join(workDir, `week-${week}.emsync`);
      const started = performance.now();
      await exportBundle(contextOf(member), { out: file, to: officeDevice });
      const summary = await importBundle(contextOf(office), { file });
      times.push(performance.now() - started);
      ops = summary.applied;
    }
  } finally {
    member.close();
  }
  return { ms: [...times].sort((a, b) => a - b)[1] as number, ops };
}

export async function measureBundles(office: Backend, officeDir: string, workDir: string, log: (line: string) => void): Promise<SyncFigure[]> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const member = path.join(workDir, 'member');
  const invite = path.join(workDir, 'member.eminvite');
  const snapshot = path.join(workDir, 'snapshot.emsync');
  await quietCli(['team', 'create', '--data-dir', officeDir, '--name', 'Bench']);
  await quietCli(['team', 'invite', '--data-dir', officeDir, '--out', invite]);
  const bundle = await bundleMeasuredCli();
  log('  snapshot export (child process)…');
  const exported = await measuredCli(bundle, ['sync', 'export', '--data-dir', officeDir, '--out', snapshot, '--snapshot']);
  await quietCli(['team', 'join', '--data-dir', member, '--invite', invite]);
  log('  snapshot import on the new member (child process)…');
  const joined = await measuredCli(bundle, ['sync', 'import', '--data-dir', member, '--file', snapshot]);
  const week = await weekRoundTrips(office, member, workDir);
  return [
    { name: 'snapshot bundle export (bench dataset)', value: exported.ms, unit: 'ms', budget: 'measured', ok: true },
    { name: 'snapshot export peak memory', value: exported.peakMb, unit: 'MB', budget: '≤ 300 MB', ok: exported.peakMb <= 300 },
    { name: 'join from the snapshot (import)', value: joined.ms, unit: 'ms', budget: 'measured', ok: true },
    { name: 'join peak memory', value: joined.peakMb, unit: 'MB', budget: '≤ 300 MB', ok: joined.peakMb <= 300 },
    { name: `technician's week (${week.ops} ops): export on the laptop + import at the office`, value: Math.round(week.ms), unit: 'ms', budget: '≤ 1000 ms', ok: week.ms <= 1000 },
  ];
}
