// Who may call what, written by hand from DESIGN.md ("Who uses it", "Security", "Team sync") and the seed's
// routers, NOT read from the contract: a channel declared with the wrong permission fails the matrix test.
// Reviewed: every entry below was decided from those texts; a new channel must be added here deliberately.

/** The five default roles, plus custom roles holding one admin permission each and a user with no role. */
export const TABLE_HOLDERS = [
  'Administrador',
  'Supervisor',
  'Técnico',
  'Agente',
  'Solo lectura',
  'users:admin only',
  'settings:admin only',
  'catalog:write only',
  'no role',
] as const;
export type TableHolder = (typeof TABLE_HOLDERS)[number];

/** Anyone signed in (and, for public channels, anyone at all). */
const EVERYONE: readonly TableHolder[] = TABLE_HOLDERS;
/** Everyone who works tickets and OTs: dispatchers, supervisors, technicians, read-only viewers. */
const STAFF: readonly TableHolder[] = ['Administrador', 'Supervisor', 'Técnico', 'Agente', 'Solo lectura'];
/** The office: opens and closes tickets, requests and schedules visits (DESIGN: support agent / dispatcher, supervisor). */
const DESK: readonly TableHolder[] = ['Administrador', 'Supervisor', 'Agente'];
/** The office plus the technician, who logs notes, readings and parts and starts/completes OTs (own OTs, checked by the service). */
const FIELD: readonly TableHolder[] = [...DESK, 'Técnico'];
/** Who carries out a visit (DESIGN: the field technician starts/completes the OT; the dispatcher requests and schedules
 *  visits, it does not do them): the technician on their own OTs, checked by the service; supervisors and admins on any. */
const DOERS: readonly TableHolder[] = ['Administrador', 'Supervisor', 'Técnico'];
/** Catalogs (categories, customers, products): the supervisor / admin row of DESIGN's table. */
const CATALOG: readonly TableHolder[] = ['Administrador', 'Supervisor', 'catalog:write only'];
const USER_ADMINS: readonly TableHolder[] = ['Administrador', 'users:admin only'];
/** Company settings and backups (backups hold every password hash). */
const SETTINGS_ADMINS: readonly TableHolder[] = ['Administrador', 'settings:admin only'];
/** Team membership decides who receives all data and whose ops apply here: administrators only (DESIGN: "an admin"). */
const ADMINISTRATORS: readonly TableHolder[] = ['Administrador'];
/** DESIGN: "a supervisor resolves it in the conflict inbox; the resolution is an ordinary edit" — so whoever makes
 *  such edits in the office: tickets and OTs (supervisor, agent) or the catalogs (customers, products). Conflicts are
 *  never on users or roles, so not a user admin; not the technician, who acts only on their own OTs. */
const CONFLICT_RESOLVERS: readonly TableHolder[] = ['Administrador', 'Supervisor', 'Agente', 'catalog:write only'];

export const PERMISSION_TABLE: Record<string, readonly TableHolder[]> = {
  // Signing in and one's own account.
  'auth.status': EVERYONE,
  'auth.setup': EVERYONE, // public, refused once a user exists
  'auth.login': EVERYONE,
  'auth.logout': EVERYONE,
  'auth.me': EVERYONE,
  'auth.changePassword': EVERYONE,

  // Users and roles: DESIGN "supervisor / admin: users, roles and permissions".
  'users.list': USER_ADMINS,
  'users.directory': EVERYONE, // names for pickers and the timeline
  'users.create': USER_ADMINS,
  'users.update': USER_ADMINS,
  'users.deactivate': USER_ADMINS,
  'users.openWorkOrders': USER_ADMINS, // the deactivate dialog's count of the OTs the person still holds
  'users.resetPassword': USER_ADMINS,
  'roles.list': EVERYONE, // DESIGN's script table: roles.list {} for any signed-in caller
  'roles.create': USER_ADMINS,
  'roles.update': USER_ADMINS,
  'roles.delete': USER_ADMINS,

  // Catalogs: read by everyone signed in (no catalog:read exists); the agent also creates and edits customers while opening tickets.
  'categories.list': EVERYONE,
  'categories.create': CATALOG,
  'categories.update': CATALOG,
  'categories.delete': CATALOG,
  'customers.list': EVERYONE,
  'customers.get': EVERYONE,
  'customers.create': [...CATALOG, 'Agente'],
  'customers.update': [...CATALOG, 'Agente'],
  'customers.delete': CATALOG,
  // The customer page: its tickets, OTs and serials, for whoever reads tickets (technicians read every ticket today).
  'customers.history': STAFF,
  'products.list': EVERYONE,
  'products.create': CATALOG,
  'products.update': CATALOG,
  'products.delete': CATALOG,
  'settings.get': EVERYONE, // company name, language, formats
  'settings.update': SETTINGS_ADMINS,

  // Tickets: seed's routers read with tickets:read and write with tickets:write; technicians log notes on their OTs' tickets.
  'tickets.create': DESK,
  'tickets.list': STAFF,
  'tickets.counts': STAFF,
  'tickets.get': STAFF,
  'tickets.timeline': STAFF,
  'tickets.update': DESK,
  'tickets.changeStatus': DESK,
  'tickets.assign': DESK,
  'tickets.addNote': FIELD,
  'tickets.addContact': DESK,
  'tickets.close': DESK,
  'tickets.reopen': DESK,

  // Work orders: the office requests, schedules and cancels; the technician starts, completes and logs parts.
  'workOrders.requestVisit': DESK,
  'workOrders.get': STAFF,
  'workOrders.list': STAFF,
  'workOrders.agenda': STAFF,
  'workOrders.dispatchQueue': STAFF,
  'workOrders.board': STAFF, // the dispatch board reads like the agenda; planning on it is workOrders.schedule (DESK)
  'workOrders.overdue': STAFF,
  'workOrders.myDay': ['Administrador', 'Supervisor', 'Técnico'], // one's own visits: whoever may carry out OTs
  'workOrders.listByTicket': STAFF,
  'workOrders.schedule': DESK,
  'workOrders.unschedule': DESK,
  'workOrders.setEstimate': DESK,
  'workOrders.start': DOERS,
  'workOrders.complete': DOERS,
  'workOrders.cancel': DESK,
  'workOrders.updateNotes': FIELD,
  'workOrders.addItem': DOERS,
  'workOrders.setWorkDone': DOERS,
  // Photos and files: the office on tickets and OTs, the technician on their own OTs (checked by the service); read like the OT.
  'attachments.add': FIELD,
  'attachments.list': STAFF,
  'attachments.display': STAFF,
  'attachments.original': STAFF,
  'workOrders.removeItem': DOERS,
  'workOrders.sign': DOERS, // the customer signs on the technician's laptop; the OT's own technician, or a supervisor
  'workOrders.signatures': STAFF,
  'workOrders.checklist': STAFF,
  'workOrders.answerChecklist': DOERS, // the OT's own technician (checked by the service), or a supervisor
  'workOrders.traceSerial': STAFF,

  // Reports: the technician exports the OT PDF for the customer; the office its reports; read-only viewers do not export.
  'reports.workOrderPdf': FIELD,
  'reports.ticketPdf': FIELD,
  'reports.ticketsCsv': FIELD,
  'reports.workOrdersCsv': FIELD,
  'reports.batchStart': FIELD,
  'reports.batchStatus': FIELD,
  'reports.batchCancel': FIELD,
  'reports.batchResult': FIELD,

  // Telemetry: readings are logged like notes; the socket's address and token are an admin setting.
  'telemetry.record': FIELD,
  'telemetry.list': STAFF,
  'telemetry.series': STAFF,
  'telemetry.readings': STAFF,
  'telemetry.import': FIELD,
  'telemetry.socketInfo': SETTINGS_ADMINS,

  // Backups: DESIGN "supervisor / admin: … company settings, backups".
  'backup.create': SETTINGS_ADMINS,
  'backup.list': SETTINGS_ADMINS,
  'backup.location': SETTINGS_ADMINS,

  // Team sync: everyone carries their own changes (bundles, the hub); membership and hub mode are the administrator's.
  'team.status': EVERYONE,
  'team.create': ADMINISTRATORS,
  'team.invite': ADMINISTRATORS,
  'team.previewJoin': ADMINISTRATORS,
  'team.join': ADMINISTRATORS,
  'team.revoke': ADMINISTRATORS,
  'team.cancelInvitation': ADMINISTRATORS,
  'team.hubGet': ADMINISTRATORS,
  'team.hubSet': ADMINISTRATORS,
  'team.pairCode': ADMINISTRATORS,
  'team.discoverHubs': ADMINISTRATORS,
  'team.pairWithHub': ADMINISTRATORS,
  'team.pairFirstRun': EVERYONE, // public, refused once the install has users
  'sync.exportStart': EVERYONE,
  'sync.uploadChunk': EVERYONE,
  'sync.importStart': EVERYONE,
  'sync.jobStatus': EVERYONE,
  'sync.jobCancel': EVERYONE,
  'sync.exportResult': EVERYONE,
  'sync.digest': EVERYONE,
  'sync.status': EVERYONE,
  'sync.now': EVERYONE,
  'conflicts.list': CONFLICT_RESOLVERS,
  'conflicts.resolve': CONFLICT_RESOLVERS,
};

/** The table's holder name for a holder label of holders.ts ('role Supervisor' → 'Supervisor'), or null if not in the table. */
export function tableHolderOf(label: string): TableHolder | null {
  const name = label === 'user without a role' ? 'no role' : label.startsWith('role ') ? label.slice('role '.length) : label;
  return (TABLE_HOLDERS as readonly string[]).includes(name) ? (name as TableHolder) : null;
}
