// Team and devices: create a team, invite with a one-use file, join (empty or with data of its own), revoke,
// and two members exchanging ops until their replicated state is the same. Real files, real services.
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { syncDigest } from '../../electron/services/sync/digest';
import { markDemoDatabase } from '../../scripts/demo/guard';
import { idByCode, ticketPdf } from '../../electron/services/reports';
import { pdfText } from '../reports/support';
import { adminContext } from './net.helpers';
import { ADMIN, type TestApp } from '../support/backend';
import { allCodes, count, dataCounts, exchange, fileText, sendOps, sqliteOf, startNowApp } from './team.helpers';
import { settingsVersions, versionOf } from '../support/versions';

const apps: TestApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

async function app(options: { setup?: boolean } = {}): Promise<TestApp> {
  const started = await startNowApp(options);
  apps.push(started);
  return started;
}

async function teamOf(creator: TestApp, name = 'Servicios Norte'): Promise<TeamStatusDto> {
  return creator.admin.call('team.create', { name, deviceName: 'Oficina' });
}

async function invite(from: TestApp, memberName = 'Portátil de Tomás'): Promise<string> {
  return fileText(await from.admin.call('team.invite', { memberName }));
}

describe('create and invite', () => {
  it('creates a team with this device in slot 01 and refuses a second one', async () => {
    const a = await app();
    const status = await teamOf(a);
    expect(status.team?.name).toBe('Servicios Norte');
    expect(status.device.slot).toBe(1);
    expect(status.members).toEqual([expect.objectContaining({ name: 'Oficina', slot: 1, isSelf: true, revokedAt: null })]);
    const local = sqliteOf(a).prepare('SELECT team_key, private_key, public_key FROM sync_local').get() as Record<string, string>;
    expect(Buffer.from(local.team_key as string, 'base64')).toHaveLength(32);
    expect(local.private_key).toContain('BEGIN PRIVATE KEY');
    expect(local.public_key).toContain('BEGIN PUBLIC KEY');
    // The membership is an op of this device, authored by the admin.
    const op = sqliteOf(a).prepare("SELECT author_id FROM sync_ops WHERE entity = 'team_members'").get() as { author_id: string };
    expect(op.author_id).toBe((await a.admin.call('auth.me', {})).user.id);
    const again = await a.admin.envelope('team.create', { name: 'Otro' });
    expect(again.ok === false && again.error.details?.reason).toBe('already_in_team');
  });

  it('writes a one-use invitation with the team, its key, a fresh slot and the directory', async () => {
    const a = await app();
    await teamOf(a);
    const file = await a.admin.call('team.invite', { memberName: 'María José', validHours: 10 });
    expect(file.fileName).toBe('invitacion-maria-jose-02.eminvite');
    const invitation = JSON.parse(fileText(file));
    expect(invitation).toMatchObject({ format: 'emerald-team-invitation', version: 1, team: { name: 'Servicios Norte' }, invitation: { slot: 2, memberName: 'María José' } });
    expect(Date.parse(invitation.invitation.expiresAt) - a.clock.now().getTime()).toBe(10 * 3_600_000);
    expect(invitation.directory.users).toEqual([expect.objectContaining({ email: ADMIN.email, username: ADMIN.username, admin: true })]);
    expect(invitation.directory.roles.map((r: { name: string }) => r.name)).toContain('Técnico');
    // The next invitation gets the next slot: each one is a device of its own.
    expect(JSON.parse(await invite(a)).invitation.slot).toBe(3);
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM team_invitations')).toBe(2);
    // Named in the language of the screen that asked for it, as the exports are.
    expect((await a.admin.call('team.invite', { language: 'en' })).fileName).toBe('invitation-member-04.eminvite');
  });
});

describe('join', () => {
  it('joins an empty install: the same admin becomes one user, and both copies converge', async () => {
    const a = await app();
    const customer = await a.admin.call('customers.create', { name: 'Clínica Sonrisa' });
    const ticket = await a.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: customer.id });
    await teamOf(a);
    const b = await app();
    const joined = await b.admin.call('team.join', { invite: await invite(a), deviceName: 'Portátil' });
    expect(joined.actorMerged).toBe(true);
    expect(joined.status.team?.name).toBe('Servicios Norte');
    expect(joined.status.device).toMatchObject({ name: 'Portátil', slot: 2 });
    const aAdmin = (await a.admin.call('auth.me', {})).user.id;
    // The session follows the user to the team's id.
    expect((await b.admin.call('auth.me', {})).user.id).toBe(aAdmin);
    // Only the copy that created the team numbers invitations: a joined one is refused, before and after it syncs.
    expect(await reasonOf(b.admin, 'team.invite', {})).toBe('invite_from_founder');

    exchange(a, b);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
    expect(count(sqliteOf(b), "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'")).toBe(0);
    expect(count(sqliteOf(a), "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'")).toBe(0);
    expect((await b.admin.call('tickets.get', { id: ticket.id })).code).toBe(ticket.code);
    const members = (await a.admin.call('team.status', {})).members;
    expect(members.map((m) => [m.name, m.slot, m.isSelf])).toEqual([
      ['Oficina', 1, true],
      ['Portátil', 2, false],
    ]);
    expect(members[1]?.lastContactAt).not.toBeNull();
    expect(count(sqliteOf(b), 'SELECT count(*) AS n FROM users')).toBe(1);
    const refused = await b.admin.envelope('team.invite', {});
    expect(refused.ok === false && [refused.error.code, refused.error.details?.reason, refused.error.message]).toEqual([
      'CONFLICT',
      'invite_from_founder',
      'invitations are made on the computer that created the team (Oficina); ask there',
    ]);
    expect(count(sqliteOf(b), 'SELECT count(*) AS n FROM team_invitations')).toBe(1);
    expect(await b.admin.call('team.status', {})).toMatchObject({ isFounder: false, founderName: 'Oficina' });
    expect(await a.admin.call('team.status', {})).toMatchObject({ isFounder: true, founderName: 'Oficina' });
    // The founder's next invitation takes the next free slot.
    expect(JSON.parse(await invite(a)).invitation.slot).toBe(3);
  });
});

/** An install with data of its own: tickets with the same codes as the team's, a shared category and SKU, people. */
async function installWithData(b: TestApp) {
  const tec2 = await b.userWithRole('Técnico', 'tec2', 'Teresa (portátil)'); // same email as the team's tec2
  const roles = await b.admin.call('roles.list', {});
  const tecRole = roles.find((r) => r.name === 'Técnico')?.id;
  // Same username as the team's tec1, another person (another email).
  const otherTec1 = await b.admin.call('users.create', { email: 'otro.tec@example.com', username: 'tec1', password: 'otro-password-1', fullName: 'Otro Tomás', roleId: tecRole ?? null });
  const customer = await b.admin.call('customers.create', { name: 'Ferretería Sur' });
  const category = await b.admin.call('categories.create', { name: 'impresoras' }); // the team's "Impresoras"
  const product = await b.admin.call('products.create', { sku: 'rtr-100', name: 'Router', tracksSerial: true });
  const tickets = [];
  for (const title of ['Sin red en caja', 'Impresora atascada', 'Router caído']) {
    tickets.push(await b.admin.call('tickets.create', { title, customerId: customer.id, categoryId: category.id, assignedToId: tec2.id }));
  }
  const wo = await b.admin.call('workOrders.requestVisit', { ticketId: tickets[2]!.id, otType: 'repair' });
  await b.admin.call('workOrders.addItem', { id: wo.id, version: await versionOf(b.admin, 'workOrder', wo.id), productId: product.id, serialNumber: 'SN-B-1' });
  await b.admin.call('tickets.addNote', { id: tickets[0]!.id, content: 'Llamé a la tienda' });
  return { tec2, otherTec1, customer, category, product, tickets, wo };
}

async function teamWithData(a: TestApp) {
  const f = { customer: await a.admin.call('customers.create', { name: 'Clínica Sonrisa' }) };
  const category = await a.admin.call('categories.create', { name: 'Impresoras' });
  const product = await a.admin.call('products.create', { sku: 'RTR-100', name: 'Router industrial', tracksSerial: true });
  const tec1 = await a.userWithRole('Técnico', 'tec1', 'Tomás Técnico');
  const tec2 = await a.userWithRole('Técnico', 'tec2', 'Teresa Técnica');
  const tickets = [];
  for (const title of ['Impresora', 'Escáner', 'Monitor']) tickets.push(await a.admin.call('tickets.create', { title, customerId: f.customer.id }));
  await a.admin.call('workOrders.requestVisit', { ticketId: tickets[0]!.id, otType: 'repair' });
  return { ...f, category, product, tec1, tec2, tickets };
}

describe('join with data of its own', () => {
  it('keeps every row, merges the same people and catalog rows, renumbers codes and keeps the old ones searchable', async () => {
    const a = await app();
    const team = await teamWithData(a);
    await teamOf(a);
    const b = await app();
    const own = await installWithData(b);
    // A checklist answer by the admin, who is the team's admin too (the answer's author column has no foreign key).
    await b.admin.call('settings.update', { versions: await settingsVersions(b.admin), checklistTemplates: { repair: [{ key: 'leaks', label: 'Sin fugas', kind: 'check', required: true }] } });
    await b.admin.call('workOrders.answerChecklist', { id: own.wo.id, version: await versionOf(b.admin, 'workOrder', own.wo.id), itemKey: 'leaks', value: true });
    const before = dataCounts(sqliteOf(b));
    const oldCodes = own.tickets.map((t) => t.code);
    expect(oldCodes).toEqual(team.tickets.map((t) => t.code)); // the same codes on both: they would collide

    const file = await invite(a);
    // Read before joining: whose invitation it is and what the join will change here, and nothing changed by asking.
    const untouched = snapshotOf(sqliteOf(b));
    const ownAdminId = (await b.admin.call('auth.me', {})).user.id;
    const preview = await b.admin.call('team.previewJoin', { invite: file });
    expect(preview.unifiedUserIds.sort()).toEqual([ownAdminId, own.tec2.id].sort());
    // Each with the login name it has in the team, the one to sign in with afterwards (a trial's admin signed in with
    // the laptop's own name after joining, and was refused).
    expect(preview.teamUsernames).toEqual({ [ownAdminId]: ADMIN.username, [own.tec2.id]: 'tec2' });
    const { unifiedUserIds: _unified, teamUsernames: _names, ...said } = preview;
    expect(said).toEqual({
      team: { name: 'Servicios Norte' },
      inviterName: 'Oficina',
      slot: 2,
      memberName: 'Portátil de Tomás',
      expiresAt: JSON.parse(file).invitation.expiresAt,
      renumbered: { tickets: 3, workOrders: 1 },
      mergedUsers: 2,
      renamedUsers: [{ from: 'tec1', to: 'tec1-02' }],
      replacedSettings: [],
    });
    expect(snapshotOf(sqliteOf(b))).toEqual(untouched);
    expect(dataCounts(sqliteOf(b))).toEqual(before);
    // Under another login name here, it is still the team's name that the card gives.
    const me = (await b.admin.call('users.list', {})).find((user) => user.id === ownAdminId)!;
    const renamed = await b.admin.call('users.update', { id: ownAdminId, version: me.version, username: 'ana-portatil' });
    expect((await b.admin.call('team.previewJoin', { invite: file })).teamUsernames[ownAdminId]).toBe(ADMIN.username);
    await b.admin.call('users.update', { id: ownAdminId, version: renamed.version, username: me.username });

    const teamAdminId = (await a.admin.call('auth.me', {})).user.id;
    const joined = await b.admin.call('team.join', { invite: file });
    expect(joined.renumbered).toEqual({ tickets: 3, workOrders: 1 });
    expect(joined.mergedUsers).toBe(2); // the admin and tec2
    expect(joined.renamedUsers).toEqual([{ from: 'tec1', to: 'tec1-02' }]);
    const sb = sqliteOf(b);
    expect(dataCounts(sb)).toEqual(before);
    expect(sb.pragma('foreign_key_check')).toEqual([]);
    // No row anywhere still names a local id that became the team's: not a column without a foreign key (an answer's
    // author), not an id inside an event's JSON (an assignment's from and to).
    const replaced = [[own.tec2.id, team.tec2.id], [own.category.id, team.category.id], [own.product.id, team.product.id], [ownAdminId, teamAdminId]];
    expect(replaced.every(([from, to]) => from !== to)).toBe(true);
    expect(rowsNaming(sb, replaced.map(([from]) => from!))).toEqual([]);

    const year = a.clock.now().getUTCFullYear();
    const renumbered = await Promise.all(own.tickets.map((t) => b.admin.call('tickets.get', { id: t.id })));
    expect(renumbered.map((t) => t.code)).toEqual([1, 2, 3].map((n) => `TK-${year}-02000${n}`));
    expect((await b.admin.call('workOrders.get', { id: own.wo.id })).code).toBe(`OT-${year}-020001`);
    // Each says the code it had, shown beside the new one (a trial found the old code by search and saw it nowhere).
    expect(renumbered.map((t) => t.formerCodes)).toEqual(oldCodes.map((code) => [code]));
    expect((await b.admin.call('workOrders.get', { id: own.wo.id })).formerCodes).toEqual([own.wo.code]);
    // The same person: references moved to the team's ids (assignee, category, product of the OT item).
    expect(renumbered[0]?.assignedTo?.id).toBe(team.tec2.id);
    expect(renumbered[0]?.category?.id).toBe(team.category.id);
    expect(count(sb, 'SELECT count(*) AS n FROM work_order_items WHERE product_id = ?', team.product.id)).toBe(1);
    // Search still finds a ticket by the code it had before the join.
    const found = await b.admin.call('tickets.list', { q: oldCodes[1] });
    expect(found.items.map((t) => t.id)).toEqual([own.tickets[1]!.id]);
    // The row says why it is there: the code it had (the list shows it beside the code now).
    expect(found.items[0]?.matchedFormerCode).toEqual({ code: oldCodes[1], workOrderCode: null });
    const byOldOt = await b.admin.call('tickets.list', { q: own.wo.code });
    expect(byOldOt.items.map((t) => t.id)).toEqual([own.tickets[2]!.id]);
    expect(byOldOt.items[0]?.matchedFormerCode).toEqual({ code: own.wo.code, workOrderCode: `OT-${year}-020001` });
    // Its number alone matches too; a search its code now explains, or no code at all, says nothing of former codes.
    expect((await b.admin.call('tickets.list', { q: oldCodes[1]!.slice(-6) })).items.map((t) => t.matchedFormerCode?.code)).toEqual([oldCodes[1]]);
    expect((await b.admin.call('tickets.list', { q: String(year) })).items.every((t) => t.matchedFormerCode === undefined)).toBe(true);
    expect((await b.admin.call('tickets.list', { q: 'Router' })).items.every((t) => t.matchedFormerCode === undefined)).toBe(true);
    // The command line's `report` takes the old code too (an admin will try it); the code a row has now comes first.
    expect(idByCode(adminContext(b), 'ticket', oldCodes[1]!.toLowerCase())).toBe(own.tickets[1]!.id);
    expect(idByCode(adminContext(b), 'workOrder', own.wo.code)).toBe(own.wo.id);
    // The ticket's PDF names its OT by the code it had when each event was written, with its code now beside it.
    const pdf = pdfText((await ticketPdf(adminContext(b), own.tickets[2]!.id, 'es')).bytes);
    expect(pdf.replace(/\s+/g, ' ')).toContain(`OT-${year}-020001 (antes ${own.wo.code})`);
    // The renamed person still signs in, under the new username.
    await b.caller().call('auth.login', { login: 'tec1-02', password: 'otro-password-1' });

    exchange(a, b);
    const sa = sqliteOf(a);
    expect(syncDigest(sb)).toBe(syncDigest(sa));
    expect(count(sa, "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'")).toBe(0);
    expect(count(sa, 'SELECT count(*) AS n FROM tickets')).toBe(6);
    const codes = allCodes(sa);
    expect(new Set(codes).size).toBe(codes.length);
    // On the team's copy the old code finds the member's ticket (by alias) and the team's own ticket (by code).
    const onTeam = await a.admin.call('tickets.list', { q: oldCodes[1] });
    expect(onTeam.items.map((t) => t.id).sort()).toEqual([own.tickets[1]!.id, team.tickets[1]!.id].sort());
    expect((await a.admin.call('tickets.get', { id: own.tickets[1]!.id })).formerCodes).toEqual([oldCodes[1]]);
    expect((await a.admin.call('tickets.get', { id: team.tickets[1]!.id })).formerCodes).toEqual([]);
    expect(idByCode(adminContext(a), 'ticket', oldCodes[1]!)).toBe(team.tickets[1]!.id);
    // Two members' tickets that had one code: the old code alone names neither, and the error says their codes now.
    sa.prepare("INSERT INTO code_aliases (id, entity, row_id, code, created_at, updated_at) VALUES ('alias-x', 'tickets', ?, 'TK-1999-000001', '', '')").run(own.tickets[0]!.id);
    sa.prepare("INSERT INTO code_aliases (id, entity, row_id, code, created_at, updated_at) VALUES ('alias-y', 'tickets', ?, 'TK-1999-000001', '', '')").run(own.tickets[1]!.id);
    expect(() => idByCode(adminContext(a), 'ticket', 'TK-1999-000001')).toThrow(`they are TK-${year}-020001, TK-${year}-020002 now`);
    // The team's values won for the merged rows: one category "Impresoras", the team's tec2.
    expect(count(sa, "SELECT count(*) AS n FROM ticket_categories WHERE lower(name) = 'impresoras'")).toBe(1);
    expect((sb.prepare('SELECT full_name FROM users WHERE id = ?').get(team.tec2.id) as { full_name: string }).full_name).toBe('Teresa Técnica');
  });
});

describe('settings a joining copy was set up with', () => {
  const pressure = { key: 'pressure', label: 'Presión comprobada', kind: 'number', unit: 'bar', required: true } as const;
  const anchored = { key: 'anchored', label: 'Anclaje revisado', kind: 'check', required: true } as const;
  const cabled = { key: 'cabled', label: 'Cableado ordenado', kind: 'check', required: false } as const;

  it('keeps what the team never set and its checklists of the OT types the team has none for, and takes them to the team', async () => {
    const a = await app();
    // The office saves its form whole, the phone left blank (as Ajustes de la empresa sends every field).
    const office = await a.admin.call('settings.get', {});
    await a.admin.call('settings.update', { versions: office.versions, companyName: 'Servicios Norte SL', companyPhone: office.companyPhone, companyEmail: office.companyEmail, checklistTemplates: { install: [anchored] } });
    // Only what changed is stored: the blank phone is no value of the team's.
    expect(Object.keys((await a.admin.call('settings.get', {})).versions).sort()).toEqual(['checklistTemplates', 'companyName']);
    // An e-mail typed and then blanked again is stored blank: still nothing the team filled in.
    await a.admin.call('settings.update', { versions: await settingsVersions(a.admin), companyEmail: 'antiguo@norte.example' });
    await a.admin.call('settings.update', { versions: await settingsVersions(a.admin), companyEmail: '' });
    await teamOf(a);
    const b = await app();
    await b.admin.call('settings.update', {
      versions: await settingsVersions(b.admin),
      companyName: 'Portátil de pruebas',
      companyPhone: '+34 600 000 000',
      companyEmail: 'portatil@norte.example',
      checklistTemplates: { repair: [pressure], install: [cabled] },
    });
    const own = await installWithData(b);
    await b.admin.call('workOrders.answerChecklist', { id: own.wo.id, version: await versionOf(b.admin, 'workOrder', own.wo.id), itemKey: 'pressure', value: 2.5 });

    const file = await invite(a);
    // Said before joining: which of this copy's settings the team's replace.
    expect((await b.admin.call('team.previewJoin', { invite: file })).replacedSettings).toEqual([
      { key: 'companyName', here: 'Portátil de pruebas', team: 'Servicios Norte SL' },
      // A list is only named: the card cannot show it in a line.
      { key: 'checklistTemplates', here: null, team: null },
    ]);
    await b.admin.call('team.join', { invite: file });
    exchange(a, b);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
    for (const copy of [a, b]) {
      const settings = await copy.admin.call('settings.get', {});
      // The team's values where it has them (its name, its install list); this copy's where it had none.
      expect(settings.companyName).toBe('Servicios Norte SL');
      expect(settings.companyPhone).toBe('+34 600 000 000');
      expect(settings.companyEmail).toBe('portatil@norte.example');
      expect(settings.checklistTemplates).toEqual({ repair: [pressure], install: [anchored] });
      const checklist = await copy.admin.call('workOrders.checklist', { id: own.wo.id });
      expect(checklist.items.map((item) => [item.key, item.inTemplate, item.value])).toEqual([['pressure', true, 2.5]]);
      expect(checklist.counts).toMatchObject({ answered: 1, total: 1 });
    }
  });
});

/** Every table and text column whose value contains one of `ids`: a reference the join left behind. */
function rowsNaming(sqlite: ReturnType<typeof sqliteOf>, ids: readonly string[]): string[] {
  const found: string[] = [];
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[];
  for (const { name } of tables) {
    for (const column of sqlite.pragma(`table_info("${name}")`) as { name: string }[]) {
      for (const id of ids) {
        const hit = sqlite.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr(CAST("${column.name}" AS TEXT), ?) > 0`).get(id) as { n: number };
        if (hit.n > 0) found.push(`${name}.${column.name}`);
      }
    }
  }
  return found;
}

/** What a refused join must leave exactly as it was. */
function snapshotOf(sqlite: ReturnType<typeof sqliteOf>) {
  return {
    digest: syncDigest(sqlite),
    ops: count(sqlite, 'SELECT count(*) AS n FROM sync_ops'),
    local: sqlite.prepare('SELECT device_id, team_id, slot, next_seq, last_hlc FROM sync_local').get(),
    aliases: count(sqlite, 'SELECT count(*) AS n FROM code_aliases'),
  };
}

async function reasonOf(caller: TestApp['admin'], channel: string, input: unknown): Promise<string | undefined> {
  const env = await caller.envelope(channel, input);
  if (env.ok) throw new Error(`${channel} should have failed`);
  return env.error.details?.reason;
}

describe('refused invitations change nothing', () => {
  it('refuses an expired invitation by this copy clock, a foreign or edited file, and one used twice', async () => {
    const a = await app();
    await teamOf(a);
    const file = await invite(a);
    const b = await app();
    await b.admin.call('tickets.create', { title: 'Propio de B' });
    const untouched = snapshotOf(sqliteOf(b));

    b.clock.advance(73 * 3_600_000);
    await b.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password }); // the idle session ended
    expect(await reasonOf(b.admin, 'team.join', { invite: file })).toBe('invitation_expired');
    expect(await reasonOf(b.admin, 'team.previewJoin', { invite: file })).toBe('invitation_expired');
    expect(await reasonOf(b.admin, 'team.join', { invite: '{"format":"otra-cosa"}' })).toBe('invalid_invitation');
    expect(await reasonOf(b.admin, 'team.join', { invite: 'PK\u0003\u0004 not json' })).toBe('invalid_invitation');
    const edited = JSON.parse(file);
    edited.team.key = 'c2hvcnQ=';
    expect(await reasonOf(b.admin, 'team.join', { invite: JSON.stringify(edited) })).toBe('invalid_invitation');
    expect(await reasonOf(b.admin, 'team.join', { invite: file.slice(0, file.length / 2) })).toBe('invalid_invitation');
    const newer = { ...JSON.parse(file), schemaVersion: 999 };
    newer.invitation.expiresAt = new Date(b.clock.now().getTime() + 3_600_000).toISOString();
    expect(await reasonOf(b.admin, 'team.join', { invite: JSON.stringify(newer) })).toBe('newer_schema');
    expect(snapshotOf(sqliteOf(b))).toEqual(untouched);
    // A demo folder's accounts share the public demo password: they would sign in anywhere in the team.
    markDemoDatabase(sqliteOf(b), b.clock.now().toISOString());
    expect((await b.admin.call('team.status', {})).demoCopy).toBe(true);
    const unexpired = { ...newer, schemaVersion: JSON.parse(file).schemaVersion };
    expect(await reasonOf(b.admin, 'team.join', { invite: JSON.stringify(unexpired) })).toBe('demo_copy');
    expect(await reasonOf(b.admin, 'team.previewJoin', { invite: JSON.stringify(unexpired) })).toBe('demo_copy');
    expect(snapshotOf(sqliteOf(b))).toEqual(untouched);
    sqliteOf(b).prepare("DELETE FROM settings WHERE key = 'demoDatabase'").run();

    b.clock.set(a.clock.now().toISOString());
    await b.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await b.admin.call('team.join', { invite: file });
    const joined = snapshotOf(sqliteOf(b));
    expect(await reasonOf(b.admin, 'team.join', { invite: file })).toBe('invitation_used');
    expect(await reasonOf(b.admin, 'team.join', { invite: await invite(a) })).toBe('already_in_team');
    expect(snapshotOf(sqliteOf(b))).toEqual(joined);
  });
});

describe('two members offline', () => {
  it('edit on both copies, exchange ops both ways and end with the same state and unique codes', async () => {
    const a = await app();
    const team = await teamWithData(a);
    await teamOf(a);
    const b = await app();
    await installWithData(b);
    await b.admin.call('team.join', { invite: await invite(a) });
    exchange(a, b);
    // The same minute, offline: each makes tickets and OTs in its own slot.
    const year = a.clock.now().getUTCFullYear();
    const onA = await a.admin.call('tickets.create', { title: 'Creado en la oficina' });
    const onB = await b.admin.call('tickets.create', { title: 'Creado en el portátil' });
    expect(onA.code).toBe(`TK-${year}-010001`);
    expect(onB.code).toBe(`TK-${year}-020004`); // after the three renumbered ones
    expect((await b.admin.call('workOrders.requestVisit', { ticketId: onB.id, otType: 'install' })).code).toBe(`OT-${year}-020002`);
    const current = await a.admin.call('tickets.get', { id: team.tickets[0]!.id });
    await a.admin.call('tickets.update', { id: current.id, version: current.version, title: 'Impresora (oficina)' });
    await b.admin.call('tickets.addNote', { id: team.tickets[0]!.id, content: 'Visto desde el portátil' });
    exchange(a, b);
    expect(syncDigest(sqliteOf(a))).toBe(syncDigest(sqliteOf(b)));
    const codes = allCodes(sqliteOf(a));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(allCodes(sqliteOf(b)).length);
    const status = await b.admin.call('team.status', {});
    expect(status.setAside).toBe(0);
    expect(Object.keys(status.vector)).toHaveLength(2);
  });
});

describe('revoke', () => {
  it('cannot revoke itself; what a revoked device makes afterwards is kept aside on the other copies', async () => {
    const a = await app();
    const self = await teamOf(a);
    const b = await app();
    const joined = await b.admin.call('team.join', { invite: await invite(a) });
    exchange(a, b);
    expect(await reasonOf(a.admin, 'team.revoke', { deviceId: self.device.id })).toBe('cannot_revoke_self');
    expect(await reasonOf(a.admin, 'team.revoke', { deviceId: '0123456789abcdef' })).toBe('not_found');

    const before = await b.admin.call('tickets.create', { title: 'Antes de la revocación' });
    a.clock.advance(60_000);
    b.clock.advance(60_000);
    const revoked = await a.admin.call('team.revoke', { deviceId: joined.status.device.id });
    expect(revoked.members.find((m) => m.deviceId === joined.status.device.id)?.revokedAt).toBe(a.clock.now().toISOString());
    b.clock.advance(60_000);
    const after = await b.admin.call('tickets.create', { title: 'Después de la revocación' });

    const outcome = sendOps(b, a);
    // The ticket and its "created" event: both refused, nothing else.
    expect(outcome.setAside.map((op) => op.reason)).toEqual(['revoked', 'revoked']);
    const ids = (sqliteOf(a).prepare('SELECT id FROM tickets').all() as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(before.id);
    expect(ids).not.toContain(after.id);
    expect((await a.admin.call('team.status', {})).setAside).toBe(2);
    // The revocation is an op: the revoked copy learns it too.
    sendOps(a, b);
    expect((await b.admin.call('team.status', {})).members.find((m) => m.isSelf)?.revokedAt).not.toBeNull();
  });
});

describe("a technician's own laptop", () => {
  it('joins when its admin is a team technician: the inviting admin vouches for the membership', async () => {
    const a = await app();
    const team = await teamWithData(a);
    await teamOf(a);
    const b = await app({ setup: false });
    const tomas = { ...ADMIN, email: 'TEC1@example.com', username: 'tomas' };
    await b.admin.call('auth.setup', tomas);
    await b.admin.call('auth.login', { login: tomas.username, password: tomas.password });
    const joined = await b.admin.call('team.join', { invite: await invite(a) });
    expect((await b.admin.call('auth.me', {})).user.id).toBe(team.tec1.id);
    const membership = sqliteOf(b).prepare("SELECT author_id FROM sync_ops WHERE entity = 'team_members'").get() as { author_id: string };
    expect(membership.author_id).toBe((await a.admin.call('auth.me', {})).user.id);
    exchange(a, b);
    expect((await a.admin.call('team.status', {})).members.map((m) => m.deviceId)).toContain(joined.status.device.id);
    expect(syncDigest(sqliteOf(a))).toBe(syncDigest(sqliteOf(b)));
    // The team decides who Tomás is: a technician, with the team's username.
    expect(sqliteOf(b).prepare('SELECT username, is_superuser FROM users WHERE id = ?').get(team.tec1.id)).toEqual({ username: 'tec1', is_superuser: 0 });
  });
});
