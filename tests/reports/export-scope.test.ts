// Issue 18 (polish): a Técnico's batch export (Informes → exportar lote) held every OT of the period, other
// technicians' too. A user who may carry out OTs but not plan them (the Técnico role) exports only the OTs assigned
// to them, in the batch and in the OT CSV; planners, admins and the CLI (no user) export everyone's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, FilePayload } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { exportWorkOrderBatch } from '../../electron/services/reports';
import { loadActor } from '../../electron/services/users/actor';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { completedWorkOrder, zipEntries } from './support';

const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

let app: TestApp;
let outDir: string;
let tec1: { caller: Caller; id: string };
let tec2: { caller: Caller; id: string };
let agent: { caller: Caller; id: string };
const codesOf: Record<string, string[]> = {};

beforeAll(async () => {
  app = await startTestApp();
  tec1 = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  tec2 = await app.userWithRole('Técnico', 'tec2', 'Rocío Soto');
  agent = await app.userWithRole('Agente', 'agente1', 'Begoña Ruiz');
  codesOf[tec1.id] = [];
  codesOf[tec2.id] = [];
  const plan = [tec1.id, tec2.id, tec1.id, tec2.id, tec2.id];
  for (const [i, technicianId] of plan.entries()) {
    const wo = await completedWorkOrder(app, app.admin, { customerId: null, technicianId, scheduledDate: `2026-03-0${i + 2}T09:00:00.000Z`, serials: [] });
    codesOf[technicianId]!.push(wo.code);
    // Each completion moves the clock 25 minutes: keep everyone's session from idling out.
    for (const who of [tec1, tec2, agent]) await who.caller.call('auth.me', {});
  }
  outDir = mkdtempSync(path.join(tmpdir(), 'emerald-export-scope-'));
});
afterAll(() => {
  app.close();
  rmSync(outDir, { recursive: true, force: true });
});

const contextOf = (userId: string | null): ServiceContext => {
  const { database, events, clock } = app.backend;
  return { db: database.db, sqlite: database.sqlite, actor: userId ? loadActor(database.sqlite, userId) : null, clock, events };
};
const sorted = (list: string[]) => [...list].sort();
const pdfNames = (codes: string[]) => sorted(codes.map((c) => `${c}.pdf`));
const allCodes = () => [...codesOf[tec1.id]!, ...codesOf[tec2.id]!];

function entriesOf(file: FilePayload, name: string): string[] {
  const zip = path.join(outDir, name);
  writeFileSync(zip, file.bytes);
  return sorted(zipEntries(zip));
}

async function batchThroughChannels(caller: Caller, name: string): Promise<string[]> {
  const done = new Promise<string>((resolve) => {
    const off = app.backend.events.on((e: DomainEvent) => {
      if (e.entity === 'job' && e.kind === 'updated') {
        off();
        resolve(e.id);
      }
    });
  });
  const { jobId } = await caller.call('reports.batchStart', PERIOD);
  expect(await done).toBe(jobId);
  expect(await caller.call('reports.batchStatus', { jobId })).toMatchObject({ status: 'done' });
  return entriesOf(await caller.call('reports.batchResult', { jobId }), name);
}

describe('whose OTs a batch export holds', () => {
  it('the service: a Técnico gets only theirs; an Agente, the admin and no user (the CLI) get everyone’s', async () => {
    const run = async (userId: string | null, name: string) => {
      const out = path.join(outDir, name);
      const result = await exportWorkOrderBatch({ ctx: contextOf(userId), ...PERIOD, out });
      expect(result.count).toBe(zipEntries(out).length);
      return sorted(zipEntries(out));
    };
    expect(await run(tec1.id, 'tec1.zip')).toEqual(pdfNames(codesOf[tec1.id]!));
    expect(await run(tec2.id, 'tec2.zip')).toEqual(pdfNames(codesOf[tec2.id]!));
    expect(await run(agent.id, 'agent.zip')).toEqual(pdfNames(allCodes()));
    expect(await run(null, 'cli.zip')).toEqual(pdfNames(allCodes()));
  });

  it('the UI path (reports.batchStart → batchResult) as each of them', async () => {
    expect(await batchThroughChannels(tec1.caller, 'ui-tec1.zip')).toEqual(pdfNames(codesOf[tec1.id]!));
    expect(await batchThroughChannels(agent.caller, 'ui-agent.zip')).toEqual(pdfNames(allCodes()));
    expect(await batchThroughChannels(app.admin, 'ui-admin.zip')).toEqual(pdfNames(allCodes()));
  });
});

describe('whose OTs the OT CSV holds (the same mistake next door)', () => {
  const codesInCsv = (file: FilePayload) => sorted(allCodes().filter((code) => Buffer.from(file.bytes).toString('utf8').includes(code)));

  it('a Técnico exports their own OTs, even when the filter names someone else', async () => {
    expect(codesInCsv(await tec1.caller.call('reports.workOrdersCsv', PERIOD))).toEqual(sorted(codesOf[tec1.id]!));
    expect(codesInCsv(await tec1.caller.call('reports.workOrdersCsv', { ...PERIOD, technicianId: tec2.id }))).toEqual(sorted(codesOf[tec1.id]!));
    expect(codesInCsv(await agent.caller.call('reports.workOrdersCsv', PERIOD))).toEqual(sorted(allCodes()));
    expect(codesInCsv(await agent.caller.call('reports.workOrdersCsv', { ...PERIOD, technicianId: tec2.id }))).toEqual(sorted(codesOf[tec2.id]!));
  });

  it('the OT list itself is not narrowed for a Técnico (left as it is; the export follows the agenda’s rule)', async () => {
    const list = await tec1.caller.call('workOrders.list', { ...PERIOD, dateField: 'completed_at' });
    expect(list.items).toHaveLength(allCodes().length);
  });
});
