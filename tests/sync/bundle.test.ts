// Bundles end to end on real files: export, verify, import in one transaction, refusals that change nothing.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { importBundle, type ImportSummary } from '../../electron/services/sync/bundle-import';
import { syncDigest } from '../../electron/services/sync/digest';
import { startDomainApp } from '../domain/fixtures';
import { removeTempDirs, tempDir } from '../db/helpers';
import { Child } from '../reliability/support';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { bulkCustomers, createTeamOn, deviceOf, inviteOn, joinOn, replicatedState } from './bundle-fixture';

afterAll(removeTempDirs);

const apps: TestApp[] = [];
afterAll(() => apps.splice(0).forEach((app) => app.close()));

const sqliteOf = (app: TestApp) => app.backend.database.sqlite;

async function exportFrom(app: TestApp, options: { to?: string; full?: boolean; snapshot?: boolean } = {}) {
  const out = path.join(tempDir(), 'bundle.emsync');
  const summary = await exportBundle({ sqlite: sqliteOf(app), clock: app.clock }, { out, ...options });
  return { out, summary };
}

function importInto(app: TestApp, file: string, extra: { signal?: AbortSignal; onProgress?: (p: { phase: string; done: number; total: number }) => void } = {}) {
  return importBundle({ sqlite: sqliteOf(app), clock: app.clock, events: app.backend.events }, { file, ...extra });
}

async function refusalOf(app: TestApp, file: string): Promise<string | undefined> {
  const error = await importInto(app, file).then(
    () => null,
    (e: unknown) => e as { code?: string; details?: { reason?: string } },
  );
  expect(error, 'the import should have been refused').not.toBeNull();
  expect(error?.code).toBe('VALIDATION');
  return error?.details?.reason;
}

/** A (with data, team creator) and B (empty, joined through A's invitation). */
async function team(): Promise<{ a: TestApp; b: TestApp; adminA: Caller; customerId: string }> {
  const f = await startDomainApp();
  apps.push(f.app);
  const ticket = await f.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: f.customerId });
  await f.admin.call('tickets.addNote', { id: ticket.id, content: 'Llamé al cliente' });
  await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  await createTeamOn(f.app);
  const b = await newMemberOf(f.app);
  return { a: f.app, b, adminA: f.admin, customerId: f.customerId };
}

/** An empty copy joined through a new invitation of `a`. */
async function newMemberOf(a: TestApp, name = 'Portátil'): Promise<TestApp> {
  const invite = await inviteOn(a, name);
  const b = await startTestApp({ setup: false });
  apps.push(b);
  joinOn(b, invite, name);
  return b;
}

/** A caller on B signed in as the team's admin (the user came over in a bundle). */
function adminOn(app: TestApp): Caller {
  const id = (sqliteOf(app).prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  const caller = app.caller();
  caller.token = app.backend.sessions.create(id);
  return caller;
}

describe('op bundles', () => {
  it('round trip A→B and B→A ends with equal digests; --to sends only what the other lacks', async () => {
    const { a, b } = await team();
    const ab = await exportFrom(a);
    expect(ab.summary.ops).toBeGreaterThan(10);
    const events: DomainEvent[] = [];
    const stop = b.backend.events.on((event) => events.push(event));
    const first = await importInto(b, ab.out);
    stop();
    expect(first).toMatchObject({ kind: 'ops', applied: ab.summary.ops, duplicates: 0, gaps: 0, setAside: [] });
    expect(events.some((event) => event.entity === 'ticket')).toBe(true);
    expect(events.some((event) => event.entity === 'workOrder' && typeof event.ticketId === 'string')).toBe(true);
    expect(events.some((event) => event.entity === 'team')).toBe(true);
    expect(events.some((event) => event.entity === 'conflict')).toBe(true);

    // B edits offline as the team's admin, then sends A only what A lacks.
    const adminB = adminOn(b);
    const [ticket] = (await adminB.call('tickets.list', {})).items;
    await adminB.call('tickets.update', { id: ticket!.id, version: ticket!.version, title: 'Impresora del mostrador' });
    await adminB.call('tickets.addNote', { id: ticket!.id, content: 'Cambié el tóner' });
    const ba = await exportFrom(b, { to: deviceOf(sqliteOf(a)) });
    const back = await importInto(a, ba.out);
    expect(back.setAside).toEqual([]);
    expect(back.duplicates).toBe(0);
    expect(syncDigest(sqliteOf(a))).toBe(syncDigest(sqliteOf(b)));

    // A knows from B's bundle what B has: nothing to send back.
    const again = await exportFrom(a, { to: deviceOf(sqliteOf(b)) });
    expect(again.summary.ops).toBe(0);
    const local = sqliteOf(a).prepare('SELECT last_export_at, last_import_at FROM sync_local').get() as Record<string, string | null>;
    expect(local.last_export_at).not.toBeNull();
    expect(local.last_import_at).not.toBeNull();
  });

  it('a change in an exported bundle is sent, and unconfirmed until a member says it has it (the file may be lost)', async () => {
    const { a, b } = await team();
    await importInto(b, (await exportFrom(a)).out);
    const adminB = adminOn(b);
    const [ticket] = (await adminB.call('tickets.list', {})).items;
    await adminB.call('tickets.addNote', { id: ticket!.id, content: 'Cambié el tóner' });
    const made = await adminB.call('team.status', {});
    expect(made.unsentOps).toBeGreaterThan(0);
    expect(made.unconfirmedOps).toBeGreaterThanOrEqual(made.unsentOps);

    // Exported: on its way (the file may still be lost), so sent but not confirmed.
    const toA = await exportFrom(b, { to: deviceOf(sqliteOf(a)) });
    const exported = await adminB.call('team.status', {});
    expect(exported.unsentOps).toBe(0);
    expect(exported.unconfirmedOps).toBe(made.unconfirmedOps);
    // A imports it, and A's next bundle tells B what A holds: confirmed.
    await importInto(a, toA.out);
    await importInto(b, (await exportFrom(a, { to: deviceOf(sqliteOf(b)) })).out);
    expect(await adminB.call('team.status', {})).toMatchObject({ unsentOps: 0, unconfirmedOps: 0 });
  });

  it('a copy that learned it was revoked says so and exports nothing: the others would refuse it', async () => {
    const { a, b } = await team();
    await importInto(b, (await exportFrom(a)).out);
    expect((await adminOn(b).call('team.status', {})).device.revokedAt).toBeNull();
    await importInto(a, (await exportFrom(b)).out);
    const revoked = await a.admin.call('team.revoke', { deviceId: deviceOf(sqliteOf(b)) });
    await importInto(b, (await exportFrom(a)).out);

    const status = await adminOn(b).call('team.status', {});
    expect(status.device.revokedAt).toBe(revoked.members.find((m) => m.deviceId === deviceOf(sqliteOf(b)))?.revokedAt);
    const before = replicatedState(sqliteOf(b));
    const error = await exportFrom(b).then(
      () => null,
      (e: unknown) => e as { code?: string; details?: { reason?: string } },
    );
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'device_revoked' } });
    // Nor does it revoke anyone: the others would refuse that too.
    const revoke = await adminOn(b).envelope('team.revoke', { deviceId: deviceOf(sqliteOf(a)) });
    expect(revoke.ok === false && revoke.error.details?.reason).toBe('device_revoked');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
  });

  it('importing the same bundle twice changes nothing the second time', async () => {
    const { a, b } = await team();
    const { out } = await exportFrom(a);
    await importInto(b, out);
    const before = replicatedState(sqliteOf(b));
    const second: ImportSummary = await importInto(b, out);
    expect(second.applied).toBe(0);
    expect(second.duplicates).toBeGreaterThan(0);
    const after = replicatedState(sqliteOf(b));
    expect({ ...after, local: null }).toEqual({ ...before, local: null });
  });
});

describe('refused bundles change nothing', () => {
  async function refusedCase(mutate: (bytes: Buffer) => Buffer, reason: string) {
    const { a, b } = await team();
    const { out } = await exportFrom(a);
    const bad = path.join(tempDir(), 'bad.emsync');
    writeFileSync(bad, mutate(readFileSync(out)));
    const before = replicatedState(sqliteOf(b));
    expect(await refusalOf(b, bad)).toBe(reason);
    expect(replicatedState(sqliteOf(b))).toEqual(before);
  }

  it('a truncated bundle', async () => {
    await refusedCase((bytes) => bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'truncated');
    await refusedCase((bytes) => bytes.subarray(0, bytes.length - 3), 'truncated');
  });

  it('a byte flipped in a frame, or in the header', async () => {
    await refusedCase((bytes) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 200] = copy[copy.length - 200]! ^ 0x01;
      return copy;
    }, 'tampered');
    await refusedCase((bytes) => {
      const copy = Buffer.from(bytes);
      const at = copy.indexOf('"createdAt":"') + 20;
      copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
      return copy;
    }, 'tampered');
  });

  it('a bundle of another team, of a newer schema, of a revoked member', async () => {
    const { a, b } = await team();
    const { out } = await exportFrom(a);

    const stranger = await startDomainApp();
    apps.push(stranger.app);
    await createTeamOn(stranger.app);
    const foreign = await exportFrom(stranger.app);
    let before = replicatedState(sqliteOf(b));
    expect(await refusalOf(b, foreign.out)).toBe('foreign_team');
    expect(replicatedState(sqliteOf(b))).toEqual(before);

    await importInto(b, out);
    bulkCustomers(a, 3);
    const later = await exportFrom(a);
    before = replicatedState(sqliteOf(b));

    // A newer Emerald (schema above ours) made it.
    const version = sqliteOf(a).pragma('user_version', { simple: true }) as number;
    const newer = path.join(tempDir(), 'newer.emsync');
    const bytes = readFileSync(later.out);
    writeFileSync(newer, Buffer.from(bytes.toString('latin1').replace(`"schemaVersion":${version}`, `"schemaVersion":${version + 1}`), 'latin1'));
    expect(await refusalOf(b, newer)).toBe('newer_schema');
    expect(replicatedState(sqliteOf(b))).toEqual(before);

    // An admin on B revokes A: what A sends afterwards is refused.
    await adminOn(b).call('team.revoke', { deviceId: deviceOf(sqliteOf(a)) });
    before = replicatedState(sqliteOf(b));
    expect(await refusalOf(b, later.out)).toBe('revoked_member');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
  });

  it('a sender nobody introduced is an unknown member, until the invitation it used arrives', async () => {
    const { a, b } = await team();
    await importInto(b, (await exportFrom(a)).out);
    // C joins with an invitation A made after B last heard from A: B has never seen it.
    const c = await startTestApp({ setup: false });
    apps.push(c);
    joinOn(c, await inviteOn(a, 'Portátil C'), 'Portátil C');
    const fromC = await exportFrom(c);
    const before = replicatedState(sqliteOf(b));
    expect(await refusalOf(b, fromC.out)).toBe('unknown_member');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
    await importInto(b, (await exportFrom(a, { to: deviceOf(sqliteOf(b)) })).out);
    expect((await importInto(b, fromC.out)).setAside).toEqual([]);
  });

  it('a second computer joined with an invitation another already used is refused by name, not as an unknown member', async () => {
    const { a, b } = await team();
    await importInto(a, (await exportFrom(b)).out);
    // The same file again on another computer: offline, nothing can stop the join itself.
    const invitation = await inviteOn(a, 'Portátil de Ana');
    const first = await startTestApp({ setup: false });
    const second = await startTestApp({ setup: false });
    apps.push(first, second);
    joinOn(first, invitation, 'Portátil de Ana');
    joinOn(second, invitation, 'Otro portátil');
    await importInto(a, (await exportFrom(first)).out);
    const fromSecond = await exportFrom(second);
    const before = replicatedState(sqliteOf(a));
    const error = await importInto(a, fromSecond.out).then(
      () => null,
      (e: unknown) => e as { code?: string; details?: { reason?: string; member?: string } },
    );
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'invitation_taken', member: 'Portátil de Ana' } });
    expect(replicatedState(sqliteOf(a))).toEqual(before);
  });
});

describe('snapshot bundles', () => {
  it('start a copy that just joined; ordinary op bundles continue on top', async () => {
    const { a, b, adminA } = await team();
    // A deletes a category before the snapshot: the tombstone travels too.
    const category = await adminA.call('categories.create', { name: 'Temporal' });
    await adminA.call('categories.delete', { id: category.id });
    // Two branches of one customer, one after the other: what their author saw travels in the snapshot.
    for (const contactName of ['Luis', 'Marta']) await adminA.call('customers.create', { name: 'Talleres Gómez', contactName });
    // A has heard from B (its membership), so the snapshot holds a row B has too.
    await importInto(a, (await exportFrom(b)).out);
    const snapshot = await exportFrom(a, { snapshot: true });
    expect(snapshot.summary).toMatchObject({ kind: 'snapshot', ops: 0 });
    expect(snapshot.summary.rows).toBeGreaterThan(10);
    const loaded = await importInto(b, snapshot.out);
    expect(loaded.kind).toBe('snapshot');
    // The same records counted on both sides (a tombstone and a seen record too: 16 exported read "15 loaded" once).
    expect(loaded.applied).toBe(snapshot.summary.rows);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
    // B never saw A's ops, only their result: its vector starts at the snapshot's.
    const floor = JSON.parse((sqliteOf(b).prepare('SELECT vector_floor FROM sync_local').get() as { vector_floor: string }).vector_floor) as Record<string, number>;
    expect(floor[deviceOf(sqliteOf(a))]).toBeGreaterThan(0);
    const tombstones = sqliteOf(b).prepare("SELECT count(*) AS n FROM sync_clocks WHERE entity = 'ticket_categories' AND deleted_hlc IS NOT NULL").get() as { n: number };
    expect(tombstones.n).toBe(1);
    const seenRecords = (app: TestApp) =>
      sqliteOf(app).prepare("SELECT entity, row_id, field, base, hlc, value FROM sync_field_edits WHERE field LIKE 'seen:%' ORDER BY entity, row_id, hlc").all();
    expect(seenRecords(b).length).toBeGreaterThan(2);
    expect(seenRecords(b)).toEqual(seenRecords(a));

    // The loaded tickets are found by what their notes say (the search index is built locally, never shipped).
    const adminB = adminOn(b);
    expect((await adminB.call('tickets.list', { q: 'Llamé' })).items).toHaveLength(1);

    // A keeps working; an ordinary bundle brings B up to date, and B's own edits reach A.
    const [ticket] = (await adminA.call('tickets.list', {})).items;
    await adminA.call('tickets.addNote', { id: ticket!.id, content: 'Después de la foto' });
    const next = await importInto(b, (await exportFrom(a, { to: deviceOf(sqliteOf(b)) })).out);
    expect(next.applied).toBeGreaterThanOrEqual(1);
    expect(next.gaps).toBe(0);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
    await adminB.call('tickets.addNote', { id: ticket!.id, content: 'Desde B' });
    const toA = await exportFrom(b, { to: deviceOf(sqliteOf(a)) });
    expect(toA.summary.lacking).toEqual([]);
    await importInto(a, toA.out);
    expect(syncDigest(sqliteOf(a))).toBe(syncDigest(sqliteOf(b)));
    for (const app of [a, b]) expect(sqliteOf(app).prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
    // B cannot relay A's ops from before the snapshot, and says so.
    const everything = await exportFrom(b, { full: true });
    expect(everything.summary.lacking).toEqual([{ deviceId: deviceOf(sqliteOf(a)), throughSeq: floor[deviceOf(sqliteOf(a))] }]);

    // A second snapshot into a copy that now holds team data is refused, and changes nothing.
    const before = replicatedState(sqliteOf(b));
    expect(await refusalOf(b, (await exportFrom(a, { snapshot: true })).out)).toBe('not_fresh');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
  });
});

// Thousands of ops (to span several frames). Writing them is the slow part (each customer insert reads every customer
// name for its "seen" record, so n inserts cost n²): one A writes 5000 once, and every test exports what it needs from
// it, importing into a member of its own. The tests only export from A; nothing they do to their B reaches A.
describe('large bundles', { timeout: 240_000 }, () => {
  let a: TestApp;
  beforeAll(async () => {
    ({ a } = await team());
    bulkCustomers(a, 5000);
  }, 240_000);
  it('streams: 5000 ops go out in several frames, the file growing frame by frame', async () => {
    const b = await newMemberOf(a, 'Portátil grande');
    const out = path.join(tempDir(), 'big.emsync');
    const sizes: number[] = [];
    const summary = await exportBundle(
      { sqlite: sqliteOf(a), clock: a.clock },
      { out, onProgress: ({ done }) => done > 0 && sizes.push(statSync(`${out}.part`).size) },
    );
    expect(summary.frames).toBeGreaterThanOrEqual(3);
    expect(sizes.length).toBe(summary.frames);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]!);
    const progress: number[] = [];
    const result = await importInto(b, out, { onProgress: ({ phase, done }) => phase === 'apply' && progress.push(done) });
    expect(progress.length).toBe(summary.frames);
    expect(result.applied).toBe(summary.ops);
    const customers = (app: TestApp) => (sqliteOf(app).prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    expect(customers(b)).toBe(customers(a));
  });

  it('a cancel in the middle of an import leaves nothing applied', async () => {
    const b = await newMemberOf(a, 'Portátil cancelado');
    const { out } = await exportFrom(a);
    const before = replicatedState(sqliteOf(b));
    const controller = new AbortController();
    let pages = 0;
    const error = await importInto(b, out, {
      signal: controller.signal,
      onProgress: ({ phase }) => {
        if (phase === 'apply' && ++pages === 1) controller.abort();
      },
    }).catch((e: unknown) => e as { details?: { reason?: string } });
    expect(pages).toBe(1);
    expect((error as { details?: { reason?: string } }).details?.reason).toBe('cancelled');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
    // Nothing half-done blocks the next try.
    const summary = await importInto(b, out);
    expect(summary.gaps).toBe(0);
  });

  it('a cancelled export leaves no file behind', async () => {
    const out = path.join(tempDir(), 'cancelled.emsync');
    const controller = new AbortController();
    const error = await exportBundle(
      { sqlite: sqliteOf(a), clock: a.clock },
      { out, signal: controller.signal, onProgress: ({ done }) => done > 0 && controller.abort() },
    ).catch((e: unknown) => e as { details?: { reason?: string } });
    expect((error as { details?: { reason?: string } }).details?.reason).toBe('cancelled');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('a SIGKILL in the middle of an import leaves the database as before; the next import completes it', async () => {
    const b = await newMemberOf(a, 'Portátil interrumpido');
    const { out, summary } = await exportFrom(a);
    const before = replicatedState(sqliteOf(b));
    const child = await Child.start('../sync/bundle-child.ts', [b.dir, out]);
    await child.waitFor((line) => line === 'applying');
    await child.kill();
    expect(child.lines).not.toContain('committed');
    expect(sqliteOf(b).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(replicatedState(sqliteOf(b))).toEqual(before);
    const result = await importInto(b, out);
    expect(result.applied).toBe(summary.ops);
    const customers = (app: TestApp) => (sqliteOf(app).prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    expect(customers(b)).toBe(customers(a));
  });
});
