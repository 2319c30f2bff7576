// Drizzle schema for Emerald's SQLite file. Names follow the seed's convention: ix_, uq_, fk_, ck_.
// Ids are UUIDv7 text; timestamps are UTC ISO-8601 text (sortable as text).
import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TIMELINE_EVENT_TYPES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  CHECKLIST_ITEM_KINDS,
  SIGNATURE_ROLES,
  sqlList,
  type ItemDirection,
  type ProductUnit,
  type ChecklistItemKind,
  type SignatureRole,
  type TicketPriority,
  type TicketStatus,
  type TimelineEventType,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../shared/enums';
import { CLOCK_EVENTS } from '../shared/sla';

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const timestamps = {
  createdAt: text('created_at').notNull().default(NOW),
  updatedAt: text('updated_at').notNull().default(NOW),
};

function inList(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in ${sql.raw(sqlList(values))}`;
}

function jsonValid(column: AnySQLiteColumn): SQL {
  return sql`${column} is null or json_valid(${column})`;
}

export const roles = sqliteTable(
  'roles',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    // Seed compatibility: either ["a", "b"] or {"permissions": ["a", "b"]}.
    permissions: text('permissions', { mode: 'json' }).$type<string[] | { permissions: string[] }>().notNull(),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('uq_roles_name').on(sql`lower(${t.name})`),
    check('ck_roles_permissions_json', sql`json_valid(${t.permissions})`),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    isSuperuser: integer('is_superuser', { mode: 'boolean' }).notNull().default(false),
    roleId: text('role_id'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at'),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('uq_users_email').on(sql`lower(${t.email})`),
    uniqueIndex('uq_users_username').on(sql`lower(${t.username})`),
    index('ix_users_role_id').on(t.roleId),
    foreignKey({ name: 'fk_users_role_id_roles', columns: [t.roleId], foreignColumns: [roles.id] }).onDelete('set null'),
    check('ck_users_failed_logins', sql`${t.failedLogins} >= 0`),
  ],
);

export const ticketCategories = sqliteTable(
  'ticket_categories',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('uq_ticket_categories_name').on(sql`lower(${t.name})`)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    // The customer's town or locality: the dispatch queue and the customer page show it.
    town: text('town'),
    notes: text('notes'),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('ix_customers_name').on(sql`lower(${t.name})`)],
);

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    tracksSerial: integer('tracks_serial', { mode: 'boolean' }).notNull().default(false),
    // What a quantity of it counts (shared/enums PRODUCT_UNITS; CHECK added with the column in 0022).
    unit: text('unit').$type<ProductUnit>().notNull().default('unit'),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('uq_products_sku').on(sql`lower(${t.sku})`), index('ix_products_name').on(sql`lower(${t.name})`)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<TicketStatus>().notNull().default('open'),
    priority: text('priority').$type<TicketPriority>().notNull().default('medium'),
    categoryId: text('category_id'),
    customerId: text('customer_id'),
    creatorId: text('creator_id').notNull(),
    assignedToId: text('assigned_to_id'),
    resolution: text('resolution'),
    closedAt: text('closed_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('uq_tickets_code').on(t.code),
    index('ix_tickets_updated_at').on(t.updatedAt, t.id),
    index('ix_tickets_created_at').on(t.createdAt, t.id),
    index('ix_tickets_status_updated_at').on(t.status, t.updatedAt, t.id),
    index('ix_tickets_assigned_to_id_updated_at').on(t.assignedToId, t.updatedAt, t.id),
    index('ix_tickets_priority_updated_at').on(t.priority, t.updatedAt, t.id),
    // The list's "by priority" sort key (critical first); must match ticketPriorityRankSql in shared/tickets.ts (a test pins it).
    index('ix_tickets_priority_rank_updated_at').on(
      sql`(CASE ${t.priority} WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)`,
      t.updatedAt,
      t.id,
    ),
    index('ix_tickets_customer_id_updated_at').on(t.customerId, t.updatedAt, t.id),
    index('ix_tickets_category_id_updated_at').on(t.categoryId, t.updatedAt, t.id),
    index('ix_tickets_creator_id').on(t.creatorId),
    // The dispatch board's step from an OT to its customer: read from this index, not from a row that may carry a long
    // description before these columns.
    index('ix_tickets_id_customer_id_priority').on(t.id, t.customerId, t.priority),
    foreignKey({ name: 'fk_tickets_category_id_ticket_categories', columns: [t.categoryId], foreignColumns: [ticketCategories.id] }).onDelete('restrict'),
    foreignKey({ name: 'fk_tickets_customer_id_customers', columns: [t.customerId], foreignColumns: [customers.id] }).onDelete('restrict'),
    foreignKey({ name: 'fk_tickets_creator_id_users', columns: [t.creatorId], foreignColumns: [users.id] }).onDelete('restrict'),
    foreignKey({ name: 'fk_tickets_assigned_to_id_users', columns: [t.assignedToId], foreignColumns: [users.id] }).onDelete('set null'),
    check('ck_tickets_status', inList(t.status, TICKET_STATUSES)),
    check('ck_tickets_priority', inList(t.priority, TICKET_PRIORITIES)),
    check('ck_tickets_version', sql`${t.version} >= 1`),
    check('ck_tickets_closed_resolution', sql`${t.status} <> 'closed' or ${t.resolution} is not null`),
  ],
);

export const ticketTimeline = sqliteTable(
  'ticket_timeline',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    authorId: text('author_id'),
    eventType: text('event_type').$type<TimelineEventType>().notNull(),
    content: text('content').notNull(),
    metaData: text('meta_data', { mode: 'json' }).$type<Record<string, unknown>>(),
    ...timestamps,
  },
  (t) => [
    index('ix_ticket_timeline_ticket_id_created_at').on(t.ticketId, t.createdAt, t.id),
    index('ix_ticket_timeline_author_id').on(t.authorId),
    index('ix_ticket_timeline_event_type').on(t.eventType),
    // A ticket's SLA clocks read only these events: a ticket with thousands of notes keeps a handful here.
    index('ix_ticket_timeline_clock_events').on(t.ticketId, t.createdAt, t.id).where(inList(t.eventType, CLOCK_EVENTS)),
    foreignKey({ name: 'fk_ticket_timeline_ticket_id_tickets', columns: [t.ticketId], foreignColumns: [tickets.id] }).onDelete('cascade'),
    foreignKey({ name: 'fk_ticket_timeline_author_id_users', columns: [t.authorId], foreignColumns: [users.id] }).onDelete('set null'),
    check('ck_ticket_timeline_event_type', inList(t.eventType, TIMELINE_EVENT_TYPES)),
    check('ck_ticket_timeline_meta_data_json', jsonValid(t.metaData)),
  ],
);

export const workOrders = sqliteTable(
  'work_orders',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    ticketId: text('ticket_id').notNull(),
    technicianId: text('technician_id'),
    otType: text('ot_type').$type<WorkOrderType>().notNull(),
    status: text('status').$type<WorkOrderStatus>().notNull().default('pending_planning'),
    scheduledDate: text('scheduled_date'),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    totalDuration: integer('total_duration'),
    // Planned length of the visit in minutes; null: the OT type's default (setting workOrderDefaultMinutes).
    estimatedMinutes: integer('estimated_minutes'),
    // Internal notes: stay on the OT and out of the customer's report.
    notes: text('notes'),
    // What the technician did, as the customer's report prints it; required to complete.
    workDone: text('work_done'),
    // Why a typed duration differs from the measured one (printed in the report beside it).
    durationReason: text('duration_reason'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('uq_work_orders_code').on(t.code),
    index('ix_work_orders_ticket_id').on(t.ticketId),
    // Covering for the dispatch board (services/workOrders/board.ts): a week of every technician's visits is read from
    // the index alone, never from the rows (thousands of scattered page reads in a busy week).
    index('ix_work_orders_technician_id_scheduled_date').on(
      t.technicianId,
      t.scheduledDate,
      t.status,
      t.otType,
      t.estimatedMinutes,
      t.startedAt,
      t.version,
      t.code,
      t.ticketId,
      t.id,
    ),
    index('ix_work_orders_status_created_at').on(t.status, t.createdAt),
    // The dispatch queue (services/workOrders/queue.ts) picks its page from this index alone: the waiting OTs in request
    // order with their ticket, whose priority ix_tickets_id_customer_id_priority covers; full rows only for the page.
    index('ix_work_orders_queue').on(t.createdAt, t.id, t.ticketId).where(sql`${t.status} = 'pending_planning'`),
    index('ix_work_orders_completed_at').on(t.completedAt),
    // Atrasadas (services/workOrders/overdue.ts): only the active OTs, in the order they became late, so the list and
    // its count read a few rows whatever the years of history; the queries repeat these WHERE terms exactly.
    index('ix_work_orders_overdue_scheduled').on(t.scheduledDate, t.id).where(sql`${t.status} = 'scheduled'`),
    index('ix_work_orders_overdue_running').on(t.startedAt, t.id).where(sql`${t.status} = 'in_progress'`),
    // Who still holds visits (the board's row for a deactivated technician, the count the deactivate dialog gives): the
    // open OTs by technician, so each question is one seek into a small index, never a technician's years of history.
    index('ix_work_orders_open_technician').on(t.technicianId, t.status).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    foreignKey({ name: 'fk_work_orders_ticket_id_tickets', columns: [t.ticketId], foreignColumns: [tickets.id] }).onDelete('cascade'),
    foreignKey({ name: 'fk_work_orders_technician_id_users', columns: [t.technicianId], foreignColumns: [users.id] }).onDelete('set null'),
    check('ck_work_orders_status', inList(t.status, WORK_ORDER_STATUSES)),
    check('ck_work_orders_ot_type', inList(t.otType, WORK_ORDER_TYPES)),
    check('ck_work_orders_total_duration', sql`${t.totalDuration} is null or ${t.totalDuration} >= 0`),
    check('ck_work_orders_version', sql`${t.version} >= 1`),
    check(
      'ck_work_orders_scheduled_needs_plan',
      sql`${t.status} <> 'scheduled' or (${t.scheduledDate} is not null and ${t.technicianId} is not null)`,
    ),
  ],
);

export const workOrderItems = sqliteTable(
  'work_order_items',
  {
    id: text('id').primaryKey(),
    workOrderId: text('work_order_id').notNull(),
    // Soft reference by design (seed): no FK, so catalog clean-ups never rewrite history.
    productId: text('product_id'),
    serialNumber: text('serial_number'),
    // INTEGER affinity keeps 1.5 as a REAL (a lossless integer only is converted): kg, m and l take decimals.
    quantity: integer('quantity').notNull().default(1),
    consumedAt: text('consumed_at').notNull().default(NOW),
    // A part not in the catalogue, described in words (product_id null).
    description: text('description'),
    // Installed, or removed from the customer's site with the serial taken out (CHECK added with the column in 0022).
    direction: text('direction').$type<ItemDirection>().notNull().default('installed'),
    // The quantity's unit, copied from the product when logged (a later catalogue change never rewrites history).
    unit: text('unit').$type<ProductUnit>().notNull().default('unit'),
    ...timestamps,
  },
  (t) => [
    index('ix_work_order_items_work_order_id').on(t.workOrderId),
    index('ix_work_order_items_serial_number').on(t.serialNumber),
    // Serial trace matches case-insensitively: lower(serial_number) = lower(?) uses this index.
    index('ix_work_order_items_serial_number_lower').on(sql`lower(${t.serialNumber})`),
    index('ix_work_order_items_product_id').on(t.productId),
    foreignKey({ name: 'fk_work_order_items_work_order_id_work_orders', columns: [t.workOrderId], foreignColumns: [workOrders.id] }).onDelete('cascade'),
    check('ck_work_order_items_quantity', sql`${t.quantity} > 0`),
  ],
);

// One answer per checklist item of an OT; the id is `${work_order_id}:${item_key}`, so two copies answering the same
// item merge by last writer. The item's label, kind, unit and required flag are kept as answered (templates change).
export const workOrderChecklistAnswers = sqliteTable(
  'work_order_checklist_answers',
  {
    id: text('id').primaryKey(),
    workOrderId: text('work_order_id').notNull(),
    itemKey: text('item_key').notNull(),
    label: text('label').notNull(),
    kind: text('kind').$type<ChecklistItemKind>().notNull(),
    unit: text('unit'),
    required: integer('required', { mode: 'boolean' }).notNull().default(false),
    // JSON: true/false for a check, a number, or a string; null when cleared.
    value: text('value'),
    note: text('note'),
    answeredBy: text('answered_by'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('ix_work_order_checklist_answers_work_order_id').on(t.workOrderId),
    foreignKey({ name: 'fk_work_order_checklist_answers_work_order_id_work_orders', columns: [t.workOrderId], foreignColumns: [workOrders.id] }).onDelete('cascade'),
    check('ck_work_order_checklist_answers_kind', inList(t.kind, CHECKLIST_ITEM_KINDS)),
    check('ck_work_order_checklist_answers_value', sql`${t.value} is null or json_valid(${t.value})`),
  ],
);

// A signature on an OT report: strokes (JSON) and the PNG drawn from them (base64), and the hash of the report content
// it froze. Add-only: signing again adds a row; the latest per role counts, and a changed report no longer matches it.
export const workOrderSignatures = sqliteTable(
  'work_order_signatures',
  {
    id: text('id').primaryKey(),
    workOrderId: text('work_order_id').notNull(),
    role: text('role').$type<SignatureRole>().notNull(),
    signerName: text('signer_name').notNull(),
    signerIdNumber: text('signer_id_number'),
    strokes: text('strokes').notNull(),
    imagePng: text('image_png').notNull(),
    contentHash: text('content_hash').notNull(),
    signedBy: text('signed_by'),
    signedAt: text('signed_at').notNull(),
    ...timestamps,
  },
  (t) => [
    index('ix_work_order_signatures_work_order_id').on(t.workOrderId, t.signedAt),
    foreignKey({ name: 'fk_work_order_signatures_work_order_id_work_orders', columns: [t.workOrderId], foreignColumns: [workOrders.id] }).onDelete('cascade'),
    check('ck_work_order_signatures_role', inList(t.role, SIGNATURE_ROLES)),
    check('ck_work_order_signatures_strokes', jsonValid(t.strokes)),
  ],
);

// A photo or file on a ticket (and, when work_order_id is set, on one of its OTs). The bytes live content-addressed in
// the data folder (files/<sha256>), never in this file; rows are add-only so sync carries them as they are.
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    workOrderId: text('work_order_id'),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    fileName: text('file_name').notNull(),
    createdBy: text('created_by'),
    ...timestamps,
  },
  (t) => [
    index('ix_attachments_ticket_id').on(t.ticketId, t.createdAt),
    index('ix_attachments_work_order_id').on(t.workOrderId, t.createdAt),
    index('ix_attachments_sha256').on(t.sha256),
    foreignKey({ name: 'fk_attachments_ticket_id_tickets', columns: [t.ticketId], foreignColumns: [tickets.id] }).onDelete('cascade'),
    foreignKey({ name: 'fk_attachments_work_order_id_work_orders', columns: [t.workOrderId], foreignColumns: [workOrders.id] }).onDelete('cascade'),
    check('ck_attachments_size_bytes', sql`${t.sizeBytes} > 0`),
  ],
);

export const settings = sqliteTable(
  'settings',
  {
    key: text('key').primaryKey(),
    value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
    // Optimistic concurrency: every update names the version it read (a stale one is CONFLICT).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [check('ck_settings_value_json', sql`json_valid(${t.value})`)],
);

// Per-year counters behind human codes (TK-2026-000042); bumped in the same transaction as the insert.
export const codeSequences = sqliteTable(
  'code_sequences',
  {
    scope: text('scope').primaryKey(),
    lastValue: integer('last_value').notNull().default(0),
    ...timestamps,
  },
  (t) => [check('ck_code_sequences_last_value', sql`${t.lastValue} >= 0`)],
);

// Stable integer keys for the FTS5 index (a plain rowid may change on VACUUM). Filled by triggers.
export const ticketSearchDocs = sqliteTable(
  'ticket_search_docs',
  {
    docId: integer('doc_id').primaryKey({ autoIncrement: false }),
    ticketId: text('ticket_id').notNull(),
    // The ticket's updated_at, status and the list's filters, kept by triggers (services/search/schema.ts): a search
    // sorts and filters its matches without visiting every matching ticket.
    updatedAt: text('updated_at'),
    status: text('status').$type<TicketStatus>(),
    priority: text('priority'),
    categoryId: text('category_id'),
    assignedToId: text('assigned_to_id'),
  },
  (t) => [
    uniqueIndex('uq_ticket_search_docs_ticket_id').on(t.ticketId),
    foreignKey({ name: 'fk_ticket_search_docs_ticket_id_tickets', columns: [t.ticketId], foreignColumns: [tickets.id] }).onDelete('cascade'),
  ],
);


// The SLA clocks of each ticket (shared/sla.ts), derived from the ticket and its timeline: LOCAL, never replicated
// (every copy computes the same from the same rows). Refreshed in the transaction of every write or merge that touches
// the ticket (services/sla), filled at startup for tickets that have none. sort_due is the current clock's due, or
// '~' (after every ISO instant) when no clock runs, so the list's "by due" sort and its breached filter walk one index.
// WITHOUT ROWID (migration 0019): a list row's lookup is one search of the primary key, not two.
export const ticketSla = sqliteTable(
  'ticket_sla',
  {
    ticketId: text('ticket_id').primaryKey(),
    // The clock that matters now (response until answered, then resolution), first: all a list row reads.
    sortDue: text('sort_due').notNull(),
    // The ticket's status, kept with the rest: an SLA filter's tab counts read this table's index alone (0021).
    status: text('status').$type<TicketStatus>(),
    nextKind: text('next_kind').$type<'response' | 'resolution'>().notNull(),
    nextTarget: integer('next_target').notNull(),
    nextElapsedMs: integer('next_elapsed_ms').notNull(),
    nextSince: text('next_since'),
    nextRiskAt: text('next_risk_at'),
    nextOutcome: text('next_outcome').$type<'met' | 'missed'>(),
    responseTarget: integer('response_target').notNull(),
    responseElapsedMs: integer('response_elapsed_ms').notNull(),
    responseSince: text('response_since'),
    responseDueAt: text('response_due_at'),
    responseRiskAt: text('response_risk_at'),
    responseDoneAt: text('response_done_at'),
    responseOutcome: text('response_outcome').$type<'met' | 'missed'>(),
    resolutionTarget: integer('resolution_target').notNull(),
    resolutionElapsedMs: integer('resolution_elapsed_ms').notNull(),
    resolutionSince: text('resolution_since'),
    resolutionDueAt: text('resolution_due_at'),
    resolutionRiskAt: text('resolution_risk_at'),
    resolutionDoneAt: text('resolution_done_at'),
    resolutionOutcome: text('resolution_outcome').$type<'met' | 'missed'>(),
  },
  (t) => [
    index('ix_ticket_sla_sort_due').on(t.sortDue, t.ticketId),
    index('ix_ticket_sla_next_risk_at').on(t.nextRiskAt),
    index('ix_ticket_sla_sort_due_status').on(t.sortDue, t.status),
    foreignKey({ name: 'fk_ticket_sla_ticket_id_tickets', columns: [t.ticketId], foreignColumns: [tickets.id] }).onDelete('cascade'),
    check('ck_ticket_sla_next_kind', sql`${t.nextKind} in ('response', 'resolution')`),
  ],
);

// ── Team sync (see DESIGN.md "Team sync"). Local bookkeeping first, then the replicated team tables. ──

// This copy's identity and clock: one row, created by migration 0009.
export const syncLocal = sqliteTable(
  'sync_local',
  {
    id: integer('id').primaryKey(),
    deviceId: text('device_id').notNull(),
    deviceName: text('device_name').notNull().default(''),
    teamId: text('team_id'),
    teamName: text('team_name'),
    // The team's bundle key (base64); travels only inside an invitation.
    teamKey: text('team_key'),
    slot: integer('slot'),
    // This device's Ed25519 key pair (PEM): bundles are signed with it.
    privateKey: text('private_key'),
    publicKey: text('public_key'),
    lastHlc: text('last_hlc').notNull().default(''),
    nextSeq: integer('next_seq').notNull().default(1),
    // 0 while remote ops are applied: the capture triggers must not turn them into ops of this device.
    capture: integer('capture').notNull().default(1),
    // Highest seq per device covered by a snapshot this copy started from (JSON): part of its version vector.
    vectorFloor: text('vector_floor').notNull().default('{}'),
    lastExportAt: text('last_export_at'),
    lastImportAt: text('last_import_at'),
    ...timestamps,
  },
  (t) => [check('ck_sync_local_single_row', sql`${t.id} = 1`), check('ck_sync_local_capture', sql`${t.capture} in (0, 1)`)],
);

// The op log: every change to a replicated row, this device's and every other member's, keyed by (device, seq).
export const syncOps = sqliteTable(
  'sync_ops',
  {
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    hlc: text('hlc').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    kind: text('kind').$type<'insert' | 'update' | 'delete'>().notNull(),
    fields: text('fields').notNull(),
    // The clock each changed field had when its author edited it: two ops from the same base are concurrent.
    base: text('base'),
    authorId: text('author_id'),
    schemaVersion: integer('schema_version').notNull(),
    // applied, or why it was kept aside (forbidden, future, revoked, invalid).
    status: text('status').notNull().default('applied'),
  },
  (t) => [
    primaryKey({ name: 'pk_sync_ops', columns: [t.deviceId, t.seq] }),
    index('ix_sync_ops_hlc').on(t.hlc),
    check('ck_sync_ops_kind', sql`${t.kind} in ('insert', 'update', 'delete')`),
    check('ck_sync_ops_fields_json', sql`json_valid(${t.fields})`),
    check('ck_sync_ops_seq', sql`${t.seq} >= 1`),
  ],
);

// Per-field clocks of each replicated row: a field's clock is fields[name], else the row's insert clock.
export const syncClocks = sqliteTable(
  'sync_clocks',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    rowHlc: text('row_hlc').notNull(),
    fields: text('fields').notNull().default('{}'),
    deletedHlc: text('deleted_hlc'),
  },
  (t) => [primaryKey({ name: 'pk_sync_clocks', columns: [t.entity, t.rowId] }), check('ck_sync_clocks_fields_json', sql`json_valid(${t.fields})`)],
);

// Filled by the capture triggers during a transaction and turned into ops before it commits.
export const syncCapture = sqliteTable('sync_capture', {
  // The rowid: emptied before every commit, so no AUTOINCREMENT (it would write sqlite_sequence on every write too).
  id: integer('id').primaryKey(),
  entity: text('entity').notNull(),
  rowId: text('row_id').notNull(),
  kind: text('kind').notNull(),
  // Unwritten since migration 0027 (kept: dropping it rebuilds the table under every trigger): an update's new_values
  // holds only what it changed.
  oldValues: text('old_values'),
  newValues: text('new_values'),
});

// Edits of free-text fields with the base they were made from: two from one base are a conflict.
export const syncFieldEdits = sqliteTable(
  'sync_field_edits',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    base: text('base').notNull(),
    hlc: text('hlc').notNull(),
    deviceId: text('device_id').notNull(),
    authorId: text('author_id'),
    value: text('value'),
  },
  (t) => [primaryKey({ name: 'pk_sync_field_edits', columns: [t.entity, t.rowId, t.field, t.hlc] }), index('ix_sync_field_edits_base').on(t.entity, t.rowId, t.field, t.base)],
);

// What needs a person: derived on every copy the same way from the ops, so ids agree everywhere.
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field'),
    detail: text('detail').notNull(),
    ...timestamps,
  },
  (t) => [index('ix_sync_conflicts_row').on(t.entity, t.rowId), check('ck_sync_conflicts_detail_json', sql`json_valid(${t.detail})`)],
);

// The rows a duplicate conflict lists, so a write finds the conflicts of its rows by index. Kept by triggers (0013).
export const syncConflictMembers = sqliteTable(
  'sync_conflict_members',
  {
    memberId: text('member_id').notNull(),
    conflictId: text('conflict_id').notNull(),
  },
  (t) => [primaryKey({ name: 'pk_sync_conflict_members', columns: [t.memberId, t.conflictId] }), index('ix_sync_conflict_members_conflict').on(t.conflictId)],
);

// Network sync (LAN hub): who this copy syncs with directly and the key of that link. Local, never replicated;
// the link key leaves the machine once, to its one peer at pairing.
export const syncLinks = sqliteTable('sync_links', {
  peerDeviceId: text('peer_device_id').primaryKey(),
  peerName: text('peer_name').notNull().default(''),
  // https://host:port when this copy connects to the peer; null when the peer connects to us.
  url: text('url'),
  // 32 random bytes (base64): the TLS pre-shared key of this link.
  linkKey: text('link_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  createdAt: text('created_at').notNull(),
  lastSyncAt: text('last_sync_at'),
  lastError: text('last_error'),
  unreachableSince: text('unreachable_since'),
});

// One-time pairing codes made on this copy: only what the code derives (identity, key hash), never the code itself.
export const syncPairingCodes = sqliteTable(
  'sync_pairing_codes',
  {
    identity: text('identity').primaryKey(),
    // The derived pairing PSK (base64): the hub needs it in the handshake; it dies with the code.
    pairingKey: text('pairing_key').notNull(),
    createdBy: text('created_by'),
    invitationId: text('invitation_id'),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ix_sync_pairing_codes_expires_at').on(t.expiresAt)],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    deviceId: text('device_id').primaryKey(),
    slot: integer('slot').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    invitationId: text('invitation_id'),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
    ...timestamps,
  },
  (t) => [check('ck_team_members_slot', sql`${t.slot} between 1 and 99`)],
);

export const teamInvitations = sqliteTable('team_invitations', {
  id: text('id').primaryKey(),
  slot: integer('slot').notNull(),
  expiresAt: text('expires_at').notNull(),
  createdBy: text('created_by'),
  // Who the invitation is for, as the admin typed it (null: nobody typed one, or made before migration 0034).
  memberName: text('member_name'),
  ...timestamps,
});

// An invitation an admin called off before any member was known to have used it (Equipo → Anular invitación). Added,
// never edited: two admins cancelling one invitation offline make two rows, and either one cancels it.
export const teamInvitationCancellations = sqliteTable(
  'team_invitation_cancellations',
  {
    id: text('id').primaryKey(),
    invitationId: text('invitation_id').notNull(),
    cancelledBy: text('cancelled_by'),
    ...timestamps,
  },
  (t) => [index('ix_team_invitation_cancellations_invitation_id').on(t.invitationId)],
);

// Codes a row had before it was renumbered on joining a team: search still finds them.
export const codeAliases = sqliteTable(
  'code_aliases',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    code: text('code').notNull(),
    ...timestamps,
  },
  (t) => [index('ix_code_aliases_code').on(t.code), index('ix_code_aliases_row').on(t.entity, t.rowId)],
);

export const conflictResolutions = sqliteTable(
  'conflict_resolutions',
  {
    id: text('id').primaryKey(),
    conflictId: text('conflict_id').notNull(),
    resolvedBy: text('resolved_by'),
    choice: text('choice'),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('ix_conflict_resolutions_conflict_id').on(t.conflictId)],
);
