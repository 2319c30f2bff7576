// The write-path guard: every channel that writes a replicated table is driven through a real backend by users of
// several roles; afterwards nothing is left uncaptured, and replaying the op log into an empty database gives the
// same replicated state. A channel added to the contract fails this test until it is classified below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName, type InputOf, type OutputOf } from '../../electron/contract';
import type { SyncJobDto } from '../../electron/contract/sync';
import { syncDigest } from '../../electron/services/sync/digest';
import { telemetryReadingsDrift } from '../../electron/services/telemetry/readingsTable';
import { statusCountsDrift } from '../../electron/services/tickets/statusCounts';
import { boardBlocksDrift } from '../../electron/services/workOrders/boardBlocks';
import { workOrderQueueDrift } from '../../electron/services/workOrders/queueTable';
import { customerFoldsDrift } from '../../electron/services/customerFolds';
import { REPLICATED_SETTING_KEYS } from '../../electron/services/sync/entities';
import { removeTempDirs } from '../db/helpers';
import { ADMIN, Caller, startTestApp, type TestApp } from '../support/backend';
import { expectSameReplicatedRows, openEmptyCopy, opCount, opsSetAside, pendingCaptureCount, replayOpLog, replicatedTable } from './support';
import { settingsVersions, versionOf } from '../support/versions';

/** Channels this test drives successfully at least once: each writes replicated rows. */
const WRITING_CHANNELS = [
  'auth.setup',
  'auth.changePassword',
  'users.create',
  'users.update',
  'users.deactivate',
  'users.resetPassword',
  'roles.create',
  'roles.update',
  'roles.delete',
  'categories.create',
  'categories.update',
  'categories.delete',
  'customers.create',
  'customers.update',
  'customers.delete',
  'products.create',
  'products.update',
  'products.delete',
  'settings.update',
  'tickets.create',
  'tickets.update',
  'tickets.changeStatus',
  'tickets.assign',
  'tickets.addNote',
  'tickets.addContact',
  'tickets.close',
  'tickets.reopen',
  'workOrders.requestVisit',
  'workOrders.schedule',
  'workOrders.setEstimate',
  'workOrders.unschedule',
  'workOrders.start',
  'workOrders.complete',
  'workOrders.cancel',
  'workOrders.updateNotes',
  'workOrders.addItem',
  'workOrders.setWorkDone',
  'workOrders.removeItem',
  'attachments.add',
  'workOrders.sign',
  'workOrders.answerChecklist',
  'telemetry.record',
  'telemetry.import',
  'team.create',
  'team.invite',
  'team.join',
  'team.revoke',
  'team.cancelInvitation',
  'conflicts.resolve',
] as const satisfies readonly ChannelName[];

/**
 * Channels that write no replicated row of this copy's own: reads, sessions, files, jobs, the telemetry socket's
 * settings view, and bundles (an import applies other members' ops as they came; it makes none of its own).
 */
const NON_WRITING_CHANNELS = [
  'auth.status',
  'auth.login',
  'auth.logout',
  'auth.me',
  'users.list',
  'users.directory',
  'users.openWorkOrders',
  'roles.list',
  'categories.list',
  'customers.list',
  'customers.get',
  'customers.history',
  'products.list',
  'settings.get',
  'tickets.list',
  'tickets.counts',
  'tickets.get',
  'tickets.timeline',
  'workOrders.get',
  'workOrders.list',
  'workOrders.agenda',
  'workOrders.dispatchQueue',
  'workOrders.board',
  'workOrders.overdue',
  'workOrders.myDay',
  'workOrders.listByTicket',
  'workOrders.traceSerial',
  'attachments.list',
  'attachments.display',
  'attachments.original',
  'workOrders.signatures',
  'workOrders.checklist',
  'reports.workOrderPdf',
  'reports.ticketPdf',
  'reports.ticketsCsv',
  'reports.workOrdersCsv',
  'reports.batchStart',
  'reports.batchStatus',
  'reports.batchCancel',
  'reports.batchResult',
  'telemetry.list',
  'telemetry.series',
  'telemetry.readings',
  'telemetry.socketInfo',
  'backup.create',
  'backup.list',
  'backup.location',
  'team.status',
  'team.previewJoin',
  'sync.exportStart',
  'sync.uploadChunk',
  'sync.importStart',
  'sync.jobStatus',
  'sync.jobCancel',
  'sync.exportResult',
  'sync.digest',
  'conflicts.list',
  'sync.status',
  'team.hubGet',
  'team.hubSet',
  'team.pairCode',
] as const satisfies readonly ChannelName[];

/**
 * Channels that need a hub on the network to succeed, driven in tests/sync/net-channels.test.ts against a live one:
 * a round (applies others' ops, makes none), finding hubs by mDNS, and pairing (which may join the team, as team.join;
 * the first-run pairing in tests/sync/net-first-run.test.ts).
 */
const NETWORK_CHANNELS = ['sync.now', 'team.discoverHubs', 'team.pairWithHub', 'team.pairFirstRun'] as const satisfies readonly ChannelName[];

const PNG_1X1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Channels that answered successfully, whoever called them. */
const succeeded = new Set<string>();

/** A caller that notes which channels succeeded, so the classification above is backed by real calls. */
class RecordingCaller extends Caller {
  override async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const value = await super.call(channel, input);
    succeeded.add(channel);
    return value;
  }
}

let app: TestApp;
let admin: RecordingCaller;
const ids: Record<string, string> = {};

async function signIn(login: string, password: string): Promise<RecordingCaller> {
  const caller = new RecordingCaller(app.backend);
  await caller.call('auth.login', { login, password });
  return caller;
}

async function newUser(username: string, roleId: string | null): Promise<{ caller: RecordingCaller; id: string }> {
  const password = `${username}-password-1`;
  const user = await admin.call('users.create', { email: `${username}@example.com`, username, password, fullName: username, roleId });
  return { caller: await signIn(username, password), id: user.id };
}

const sqlite = () => app.backend.database.sqlite;

/** Runs every writing channel, as the roles that would use it in a working week. */
async function driveEveryWritingChannel(): Promise<void> {
  const clock = app.clock;
  admin = new RecordingCaller(app.backend);
  await admin.call('auth.setup', { ...ADMIN, companyName: 'Servicios Norte' });
  await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  const roles = await admin.call('roles.list', {});
  const roleId = (name: string) => roles.find((role) => role.name === name)?.id ?? null;

  // Administration: roles and users of every kind.
  const storeRole = await admin.call('roles.create', { name: 'Almacén', permissions: ['catalog:write'] });
  await admin.call('roles.update', { id: storeRole.id, version: await versionOf(admin, 'role', storeRole.id), name: 'Almacén central', permissions: ['catalog:write', 'tickets:read'] });
  const spareRole = await admin.call('roles.create', { name: 'Temporal', permissions: ['tickets:read'] });
  await admin.call('roles.delete', { id: spareRole.id });
  const supervisor = await newUser('sup', roleId('Supervisor'));
  const agent = await newUser('agente', roleId('Agente'));
  const tec = await newUser('tec', roleId('Técnico'));
  const leaver = await newUser('tec.baja', roleId('Técnico'));
  const store = await newUser('almacen', storeRole.id);
  await admin.call('users.update', { id: agent.id, version: await versionOf(admin, 'user', agent.id), fullName: 'Alba Agente', email: 'alba@example.com' });
  await admin.call('users.resetPassword', { id: leaver.id, newPassword: 'otra-clave-larga-1' });
  await admin.call('users.deactivate', { id: leaver.id, version: await versionOf(admin, 'user', leaver.id) });
  await tec.caller.call('auth.changePassword', { oldPassword: 'tec-password-1', newPassword: 'tec-password-2' });
  ids.tec = tec.id;

  // Settings: every replicated key, plus per-laptop ones that must not travel; the logo set, removed and set again.
  await admin.call('settings.update', { versions: await settingsVersions(admin),
    companyAddress: 'Calle Mayor 1',
    companyPhone: '+34 600 000 000',
    companyEmail: 'info@norte.example',
    companyTaxId: 'B12345678',
    companyLogo: PNG_1X1,
    ticketPrefix: 'SN',
    workOrderPrefix: 'VS',
    sessionTimeoutMinutes: 60,
    timeZone: 'Europe/Madrid',
    workOrderDefaultMinutes: { diagnosis: 45, repair: 90, install: 240, upgrade: 60, maintenance: 30 },
    checklistTemplates: {
      repair: [
        { key: 'rollers', label: 'Rodillos revisados', kind: 'check', required: true },
        { key: 'voltage', label: 'Tensión', kind: 'number', unit: 'V', required: false },
        { key: 'remarks', label: 'Observaciones', kind: 'text', required: false },
      ],
    },
    slaTargets: {
      critical: { responseMinutes: 30, resolutionMinutes: 240 },
      high: { responseMinutes: 120, resolutionMinutes: 960 },
      medium: { responseMinutes: 480, resolutionMinutes: 2880 },
      low: { responseMinutes: 1440, resolutionMinutes: 10080 },
    },
    language: 'en',
    telemetrySocketEnabled: true,
    telemetrySocketPort: 5199,
  });
  await admin.call('settings.update', { versions: await settingsVersions(admin), companyLogo: null, companyName: 'Servicios Norte S.L.' });
  clock.advance(1000);
  await admin.call('settings.update', { versions: await settingsVersions(admin), companyLogo: PNG_1X1 });

  // Catalogs, by the store clerk and the supervisor.
  const printers = await store.caller.call('categories.create', { name: 'Impresoras', description: 'Láser y tinta' });
  await store.caller.call('categories.update', { id: printers.id, version: await versionOf(store.caller, 'category', printers.id), description: 'Láser, tinta y plotters' });
  const spareCategory = await supervisor.caller.call('categories.create', { name: 'Varios' });
  await supervisor.caller.call('categories.delete', { id: spareCategory.id });
  const customer = await agent.caller.call('customers.create', { name: 'Clínica Dental Sonrisa', phone: '910 000 000', town: 'Sanxenxo' });
  await agent.caller.call('customers.update', { id: customer.id, version: await versionOf(agent.caller, 'customer', customer.id), address: 'Av. del Mar 3', town: 'Portonovo', notes: 'Aparcar detrás' });
  const spareCustomer = await supervisor.caller.call('customers.create', { name: 'Cliente de prueba' });
  await supervisor.caller.call('customers.delete', { id: spareCustomer.id });
  const router = await store.caller.call('products.create', { sku: 'RTR-100', name: 'Router industrial', tracksSerial: true });
  const cable = await store.caller.call('products.create', { sku: 'CBL-5M', name: 'Cable de red 5 m' });
  await store.caller.call('products.update', { id: cable.id, version: await versionOf(store.caller, 'product', cable.id), description: 'Cat 6', unit: 'm' });
  const spareProduct = await supervisor.caller.call('products.create', { sku: 'TMP-1', name: 'Temporal' });
  await supervisor.caller.call('products.delete', { id: spareProduct.id });

  // A ticket through its life, by the agent, the supervisor and the technician.
  let ticket = await agent.caller.call('tickets.create', {
    title: 'Impresora no imprime',
    description: 'Atasco continuo',
    priority: 'high',
    categoryId: printers.id,
    customerId: customer.id,
  });
  ids.ticket = ticket.id;
  ticket = await agent.caller.call('tickets.update', { id: ticket.id, version: ticket.version, title: 'Impresora de recepción no imprime' });
  ticket = await supervisor.caller.call('tickets.changeStatus', { id: ticket.id, status: 'in_progress', version: ticket.version });
  ticket = await supervisor.caller.call('tickets.assign', { id: ticket.id, assignedToId: agent.id, version: ticket.version });
  await agent.caller.call('tickets.addContact', { id: ticket.id, channel: 'phone', summary: 'Confirma la visita', contactName: 'Marta' });

  const when = new Date(clock.now().getTime() + 3_600_000).toISOString();
  let visit = await supervisor.caller.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  visit = await supervisor.caller.call('workOrders.schedule', { id: visit.id, scheduledDate: when, technicianId: tec.id, version: visit.version });
  visit = await supervisor.caller.call('workOrders.unschedule', { id: visit.id, version: visit.version });
  visit = await agent.caller.call('workOrders.schedule', { id: visit.id, scheduledDate: when, technicianId: tec.id, version: visit.version, estimatedMinutes: 50 });
  visit = await supervisor.caller.call('workOrders.setEstimate', { id: visit.id, version: visit.version, estimatedMinutes: 75 });
  const spareVisit = await agent.caller.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'diagnosis', technicianId: tec.id, scheduledDate: when, estimatedMinutes: 30, confirmOverlap: true });
  await supervisor.caller.call('workOrders.cancel', { id: spareVisit.id, version: spareVisit.version, reason: 'Duplicada' });

  clock.advance(600_000);
  visit = await tec.caller.call('workOrders.start', { id: visit.id, version: visit.version, notes: 'Llego al cliente' });
  await tec.caller.call('tickets.addNote', { id: ticket.id, content: 'Rodillo gastado' });
  visit = await tec.caller.call('workOrders.updateNotes', { id: visit.id, version: visit.version, notes: 'Cambio de rodillo' });
  visit = await tec.caller.call('workOrders.addItem', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), productId: router.id, serialNumber: 'SN-0001' });
  visit = await tec.caller.call('workOrders.addItem', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), productId: cable.id, quantity: 2.25 });
  visit = await tec.caller.call('workOrders.addItem', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), description: 'Tornillería', serialNumber: 'SN-SUELTO' });
  // Issue 15's shapes: a free-text part with a decimal quantity in its unit, and a serial taken out of the site.
  visit = await tec.caller.call('workOrders.addItem', { id: visit.id, version: visit.version, description: 'Gas refrigerante R-32', quantity: 1.5, unit: 'kg' });
  visit = await tec.caller.call('workOrders.addItem', { id: visit.id, version: visit.version, productId: router.id, serialNumber: 'SN-VIEJO', direction: 'removed' });
  visit = await tec.caller.call('workOrders.setWorkDone', { id: visit.id, version: visit.version, workDone: 'Cambiado el rodillo y retirado el router viejo' });
  const loose = visit.items.find((item) => item.serialNumber === 'SN-SUELTO');
  visit = await tec.caller.call('workOrders.removeItem', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), itemId: loose?.id ?? '' });
  // A photo of the job on the OT (the technician) and a PDF on the ticket (the office): rows replicate, bytes stay in files/.
  const photo = await tec.caller.call('attachments.add', { workOrderId: visit.id, fileName: 'rodillo.png', bytes: Buffer.from(PNG_1X1.split(',')[1] as string, 'base64') });
  await agent.caller.call('attachments.add', { ticketId: ticket.id, fileName: 'factura.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1') });
  ids.photo = photo.id;
  // The checklist of a repair: a tick (answered twice: one row, two ops), a number with its unit and a text with a note.
  visit = await tec.caller.call('workOrders.answerChecklist', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), itemKey: 'rollers', value: false });
  visit = await tec.caller.call('workOrders.answerChecklist', { id: visit.id, version: visit.version, itemKey: 'rollers', value: true });
  visit = await tec.caller.call('workOrders.answerChecklist', { id: visit.id, version: visit.version, itemKey: 'voltage', value: 229.5 });
  visit = await tec.caller.call('workOrders.answerChecklist', { id: visit.id, version: visit.version, itemKey: 'remarks', value: 'Rodillo de arrastre gastado', note: 'Cambiar el otro en 6 meses' });
  // The customer signs on the technician's laptop (a signature row, its timeline line and the OT's updated_at).
  await tec.caller.call('workOrders.sign', { id: visit.id, role: 'customer', signerName: 'Marta Cliente', signerIdNumber: '12345678Z', strokes: [[[100, 200], [300, 120], [500, 260], [700, 150], [900, 220]]] });
  ids.visit = visit.id;

  // Telemetry readings: by hand on site (technician) and a file from the office (agent).
  const measuredAt = clock.now().toISOString();
  await tec.caller.call('telemetry.record', { ticketId: ticket.id, readings: [{ metric: 'voltage', value: 229.8, unit: 'V', measuredAt }] });
  await agent.caller.call('telemetry.import', {
    ticketId: ticket.id,
    format: 'csv',
    content: `metric,value,unit,measured_at\ntemperature,41.5,°C,${measuredAt}\nsignal,-61,dBm,${measuredAt}\n`,
    mode: 'valid_rows',
    fileName: 'lecturas.csv',
  });

  clock.advance(600_000);
  await tec.caller.call('workOrders.complete', { id: visit.id, version: await versionOf(tec.caller, 'workOrder', visit.id), workDone: 'Rodillo cambiado' });
  // Two more OTs still open when the ticket closes: the close completes one and cancels the other, as decided.
  const followUp = await supervisor.caller.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance', technicianId: tec.id, scheduledDate: when });
  const extra = await supervisor.caller.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'upgrade' });
  // The supervisor closes it: completing a visit is carrying it out, which the Agente's planning rights are not.
  ticket = await supervisor.caller.call('tickets.get', { id: ticket.id });
  ticket = await supervisor.caller.call('tickets.close', {
    id: ticket.id,
    resolution: 'Rodillo cambiado',
    version: ticket.version,
    workOrders: [
      { id: followUp.id, version: followUp.version, action: 'complete', workDone: 'Limpieza de rodillos hecha en la misma visita' },
      { id: extra.id, version: extra.version, action: 'cancel', reason: 'No hace falta la mejora' },
    ],
  });
  await supervisor.caller.call('tickets.reopen', { id: ticket.id, reason: 'Vuelve a atascar', version: ticket.version });
  ids.customer = customer.id;
}

/** Calls every non-writing channel once; none of them may add an op. */
async function driveEveryNonWritingChannel(): Promise<void> {
  const from = new Date(app.clock.now().getTime() - 86_400_000).toISOString();
  const to = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
  const anon = new RecordingCaller(app.backend);
  await anon.call('auth.status', {});
  const other = await signIn(ADMIN.username, ADMIN.password);
  await other.call('auth.me', {});
  await other.call('users.list', { includeInactive: true });
  await other.call('users.directory', { includeInactive: true });
  await other.call('users.openWorkOrders', { id: ids.tec as string });
  await other.call('roles.list', {});
  await other.call('categories.list', {});
  await other.call('customers.list', {});
  await other.call('customers.get', { id: ids.customer as string });
  await other.call('customers.history', { id: ids.customer as string });
  await other.call('products.list', {});
  await other.call('settings.get', {});
  await other.call('tickets.list', {});
  await other.call('tickets.counts', {});
  await other.call('tickets.get', { id: ids.ticket as string });
  await other.call('tickets.timeline', { id: ids.ticket as string, limit: 2 });
  await other.call('workOrders.get', { id: ids.visit as string });
  await other.call('workOrders.list', {});
  await other.call('workOrders.agenda', { technicianId: ids.tec as string, from, to });
  await other.call('workOrders.dispatchQueue', {});
  await other.call('workOrders.board', { from: '2026-03-02', to: '2026-03-08' });
  await other.call('workOrders.overdue', {});
  await other.call('workOrders.myDay', {});
  await other.call('workOrders.listByTicket', { ticketId: ids.ticket as string });
  await other.call('workOrders.traceSerial', { serialNumber: 'SN-0001' });
  await other.call('attachments.list', { workOrderId: ids.visit as string });
  await other.call('attachments.display', { id: ids.photo as string });
  await other.call('attachments.original', { id: ids.photo as string });
  await other.call('workOrders.signatures', { id: ids.visit as string });
  await other.call('workOrders.checklist', { id: ids.visit as string });
  await other.call('reports.workOrderPdf', { id: ids.visit as string });
  await other.call('reports.ticketPdf', { id: ids.ticket as string, language: 'en' });
  await other.call('reports.ticketsCsv', {});
  await other.call('reports.workOrdersCsv', {});
  const { jobId } = await other.call('reports.batchStart', { from, to, dateField: 'created_at' });
  await other.call('reports.batchStatus', { jobId });
  for (let attempt = 0; attempt < 200 && (await other.call('reports.batchStatus', { jobId })).status === 'running'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await other.call('reports.batchResult', { jobId });
  const cancelled = await other.call('reports.batchStart', { from, to });
  await other.call('reports.batchCancel', { jobId: cancelled.jobId });
  await other.call('telemetry.list', { ticketId: ids.ticket as string });
  await other.call('telemetry.series', { ticketId: ids.ticket as string });
  await other.call('telemetry.readings', { ticketId: ids.ticket as string });
  await other.call('telemetry.socketInfo', {});
  await other.call('backup.create', {});
  await other.call('backup.list', {});
  await other.call('backup.location', {});
  await other.call('team.status', {});
  await other.call('sync.digest', {});
  await other.call('conflicts.list', { status: 'all' });
  // Hub mode and pairing codes are per laptop: the switch and the codes are local rows, never ops.
  await other.call('sync.status', {});
  await other.call('team.hubGet', {});
  await other.call('team.hubSet', { enabled: false, listen: '127.0.0.1:0' });
  await other.call('team.pairCode', {});
  // A bundle out of the office, uploaded in chunks to the (revoked) laptop: it learns of its revocation.
  const bytes = await exportVia(other);
  const { uploadId } = await laptopAdmin.call('sync.uploadChunk', { chunk: bytes.toString('base64'), last: true });
  const imported = await laptopAdmin.call('sync.importStart', { uploadId });
  expect(await settled(laptopAdmin, imported.jobId)).toMatchObject({ status: 'done' });
  await laptopAdmin.call('sync.jobCancel', { jobId: imported.jobId });
  await other.call('auth.logout', {});
}

async function settled(caller: Caller, jobId: string): Promise<SyncJobDto> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const status = await caller.call('sync.jobStatus', { jobId });
    if (status.status !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`sync job ${jobId} did not finish`);
}

/** A bundle of everything this copy holds, through the sync channels. */
async function exportVia(caller: Caller): Promise<Buffer> {
  const { jobId } = await caller.call('sync.exportStart', {});
  expect(await settled(caller, jobId)).toMatchObject({ status: 'done' });
  return Buffer.from((await caller.call('sync.exportResult', { jobId })).bytes);
}

let laptop: TestApp | undefined;
let laptopAdmin: RecordingCaller;

/**
 * The team: the office creates it and invites a laptop that has data of its own (the same admin email becomes one
 * user); the laptop joins, its bundle comes back through the sync channels, a supervisor settles a customer entered
 * on both copies, and the admin revokes the laptop.
 */
async function driveTeamChannels(): Promise<void> {
  await admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const invitation = await admin.call('team.invite', { memberName: 'Portátil de Tomás' });
  // An invitation whose file was lost: called off before anyone used it.
  const lost = await admin.call('team.invite', { memberName: 'Portátil perdido' });
  await admin.call('team.cancelInvitation', { id: (JSON.parse(Buffer.from(lost.bytes).toString('utf8')) as { invitation: { id: string } }).invitation.id });
  laptop = await startTestApp();
  laptop.clock.set(app.clock.now().toISOString());
  laptopAdmin = new RecordingCaller(laptop.backend);
  await laptopAdmin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  const own = await laptopAdmin.call('customers.create', { name: 'Taller Ruiz' });
  await laptopAdmin.call('tickets.create', { title: 'Portátil: pantalla rota', customerId: own.id });
  await laptopAdmin.call('team.previewJoin', { invite: Buffer.from(invitation.bytes).toString('utf8') });
  const joined = await laptopAdmin.call('team.join', { invite: Buffer.from(invitation.bytes).toString('utf8'), deviceName: 'Portátil' });
  ids.laptopDevice = joined.status.device.id;
  // The same hotel entered at the office and on the laptop before they meet: a duplicate to settle.
  const supervisor = await signIn('sup', 'sup-password-1');
  const first = await supervisor.call('customers.create', { name: 'Hotel Miramar' });
  await laptopAdmin.call('customers.create', { name: 'hotel miramar' });
  const bundle = await exportVia(laptopAdmin);
  const imported = await admin.call('sync.importStart', { bundle: bundle.toString('base64') });
  expect(await settled(admin, imported.jobId)).toMatchObject({ status: 'done', summary: { setAside: [] } });

  const conflict = (await supervisor.call('conflicts.list', {})).find((open) => open.kind === 'duplicate_customer');
  await supervisor.call('conflicts.resolve', { id: conflict?.id ?? '', resolution: { action: 'merge', keepId: first.id, note: 'El mismo hotel' } });
  await admin.call('team.revoke', { deviceId: joined.status.device.id });
}

beforeAll(async () => {
  app = await startTestApp({ setup: false });
  // Near the real time: a copy joining the team stamps its rebuilt baseline with it, and must not look a day ahead.
  app.clock.set(new Date().toISOString());
  await driveEveryWritingChannel();
  await driveTeamChannels();
}, 60_000);

afterAll(() => {
  app.close();
  laptop?.close();
  removeTempDirs();
});

describe('the channel classification', () => {
  it('classifies every channel of the contract exactly once', () => {
    const classified = [...WRITING_CHANNELS, ...NON_WRITING_CHANNELS, ...NETWORK_CHANNELS];
    expect(new Set(classified).size, 'a channel is in both lists').toBe(classified.length);
    expect([...classified].sort(), 'classify new channels in write-path.test.ts').toEqual([...CHANNEL_NAMES].sort());
  });

  it('drove every writing channel successfully', () => {
    expect(WRITING_CHANNELS.filter((channel) => !succeeded.has(channel))).toEqual([]);
  });

  it('the non-writing channels add no op and leave nothing captured', async () => {
    const before = opCount(sqlite());
    await driveEveryNonWritingChannel();
    expect(NON_WRITING_CHANNELS.filter((channel) => !succeeded.has(channel))).toEqual([]);
    expect(opCount(sqlite())).toBe(before);
    expect(pendingCaptureCount(sqlite())).toBe(0);
  }, 60_000);
});

describe('the op log', () => {
  it('holds every change: nothing was written around the write path', () => {
    expect(pendingCaptureCount(sqlite())).toBe(0);
  });

  it('replayed into an empty database gives the same replicated state, table by table', () => {
    const empty = openEmptyCopy();
    try {
      const outcome = replayOpLog(sqlite(), empty.sqlite, app.clock.now().getTime());
      expect(outcome.setAside).toEqual([]);
      expect(outcome.gaps).toBe(0);
      expect(opsSetAside(empty.sqlite)).toEqual([]);
      expectSameReplicatedRows(empty.sqlite, sqlite());
      expect(syncDigest(empty.sqlite)).toBe(syncDigest(sqlite()));
      expect(pendingCaptureCount(empty.sqlite)).toBe(0);
      // Local derived data (the board's blocks) is kept by its triggers as the ops are applied: in step with each
      // copy's tables, and the same blocks on both (but each copy's own version, which never travels).
      expect(boardBlocksDrift(sqlite())).toBe(0);
      expect(boardBlocksDrift(empty.sqlite)).toBe(0);
      const blocks = (db: typeof empty.sqlite) => db.prepare('SELECT * FROM board_blocks ORDER BY technician_id, scheduled_date, id').all().map((b) => ({ ...(b as object), version: null }));
      expect(blocks(empty.sqlite)).toEqual(blocks(sqlite()));
      // Tickets per status likewise: counted by triggers on both copies, equal to a fresh count.
      expect(statusCountsDrift(sqlite())).toBe(0);
      expect(statusCountsDrift(empty.sqlite)).toBe(0);
      // The telemetry events' readings likewise: one row each on both copies, as their events hold them.
      expect(telemetryReadingsDrift(sqlite())).toBe(0);
      expect(telemetryReadingsDrift(empty.sqlite)).toBe(0);
      const readings = (db: typeof empty.sqlite) => db.prepare('SELECT * FROM telemetry_readings ORDER BY ticket_id, measured_at, event_id, idx').all();
      expect(readings(empty.sqlite)).toEqual(readings(sqlite()));
      expect(readings(sqlite()).length).toBeGreaterThan(0);
      // The dispatch queue's order likewise: the waiting OTs with their tickets' ranks on both copies.
      expect(workOrderQueueDrift(sqlite())).toBe(0);
      expect(workOrderQueueDrift(empty.sqlite)).toBe(0);
      const queue = (db: typeof empty.sqlite) => db.prepare('SELECT * FROM work_order_queue ORDER BY work_order_id').all();
      expect(queue(empty.sqlite)).toEqual(queue(sqlite()));
      // The customers' folds likewise (the app folds what the triggers mark): every write folded its own rows (the
      // drift check folds any left first, so this is asked before it), the same keys on both copies.
      expect(sqlite().prepare('SELECT count(*) AS n FROM customer_folds WHERE name_fold IS NULL').get()).toEqual({ n: 0 });
      expect(customerFoldsDrift(sqlite())).toBe(0);
      expect(customerFoldsDrift(empty.sqlite)).toBe(0);
      const folds = (db: typeof empty.sqlite) => db.prepare('SELECT * FROM customer_folds ORDER BY customer_id').all();
      expect(folds(empty.sqlite)).toEqual(folds(sqlite()));
      expect(folds(sqlite()).length).toBeGreaterThan(0);
    } finally {
      empty.close();
    }
  });

  it('holds what the joining laptop wrote too: nothing left captured there, and both copies end the same', () => {
    const other = laptop?.backend.database.sqlite;
    if (!other) throw new Error('the laptop joined');
    expect(pendingCaptureCount(other)).toBe(0);
    expect(opsSetAside(other)).toEqual([]);
    expectSameReplicatedRows(other, sqlite(), 'laptop against office: ');
    const empty = openEmptyCopy('laptop-replay.db');
    try {
      expect(replayOpLog(other, empty.sqlite, app.clock.now().getTime()).setAside).toEqual([]);
      expectSameReplicatedRows(empty.sqlite, other, 'replayed laptop log: ');
    } finally {
      empty.close();
    }
  });

  it('carries the telemetry readings, by hand and imported', () => {
    const events = replicatedTable(sqlite(), 'ticket_timeline').filter((row) => row[3] === 'telemetry');
    const via = events.map((row) => (JSON.parse(String(row[5])) as { via: string }).via).sort();
    expect(via).toEqual(['import', 'manual']);
    const ops = sqlite().prepare("SELECT count(*) AS n FROM sync_ops WHERE entity = 'ticket_timeline' AND json_extract(fields, '$.event_type') = 'telemetry'").get() as {
      n: number;
    };
    expect(ops.n).toBe(2);
  });

  it('carries every replicated setting and none of the per-laptop ones', () => {
    const keys = (sqlite().prepare("SELECT DISTINCT row_id FROM sync_ops WHERE entity = 'settings' ORDER BY row_id").all() as { row_id: string }[]).map((row) => row.row_id);
    expect(keys).toEqual([...REPLICATED_SETTING_KEYS].sort());
    const local = sqlite().prepare("SELECT key FROM settings WHERE key IN ('language', 'telemetrySocketEnabled', 'telemetrySocketPort') ORDER BY key").all();
    expect(local).toHaveLength(3);
    expect(replicatedTable(sqlite(), 'settings').map((row) => row[0])).toEqual([...REPLICATED_SETTING_KEYS].sort());
  });
});
