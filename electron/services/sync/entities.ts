// Which tables replicate across a team, which of their columns travel, and how each merges.
// The capture triggers (migration 0009), the replay, the digest and the merge all read this one list.
import type { Permission } from '../../../shared/enums';
import { CONFLICT_INBOX_ACCESS } from '../../contract/conflicts';
import { TEAM_ADMIN_ACCESS } from '../../contract/team';

/** lww: last writer wins per field; addOnly: rows are inserted once and never edited (a delete is still a tombstone). */
export type MergeKind = 'lww' | 'addOnly';

export interface ReplicatedEntity {
  table: string;
  /** The key column; the op's row_id holds its value. */
  key: string;
  /** Columns that travel in ops, besides the key. Everything else (version, lockout counters) stays on this copy. */
  columns: readonly string[];
  merge: MergeKind;
  /** Free-text fields where two edits from the same base need a person to decide. */
  textFields?: readonly string[];
  /** Columns unique per team (case-insensitive); a collision made offline is settled the same way on every copy. */
  naturalKeys?: readonly string[];
  /** Rows this copy keeps to itself (settings keys that are per-device). */
  onlyRows?: readonly string[];
  /** Versioned rows: an applied remote change bumps the local version so a stale window gets a CONFLICT. */
  versioned?: boolean;
  /**
   * Fields bound by a CHECK across columns: an op that changes one carries them all, so they share one clock and a
   * merge can never pair one copy's value with another's into a row the database refuses.
   */
  fieldGroups?: readonly (readonly string[])[];
  /**
   * Who may author a change of this entity: any one of these permissions. Never looser than the channels that write
   * it, or a member could send by hand what no screen lets it do, and every copy would apply it.
   */
  permissions: readonly Permission[];
  /**
   * Who may author a delete, where the channels that delete are narrower than the ones that write (customers: only
   * the catalog deletes them). An empty list: no channel deletes these rows, so only full access may.
   */
  deletePermissions?: readonly Permission[];
  /**
   * Holders of these permissions (without one of `permissions`) may only update the listed fields, each to any value
   * (null) or to one of the listed values: what their channels write to this entity as a side effect.
   */
  narrowWriters?: readonly { permissions: readonly Permission[]; fields: Readonly<Record<string, readonly string[] | null>> }[];
}

const T = ['created_at', 'updated_at'] as const;

/** Settings that describe the company and its codes; language and the telemetry socket are per laptop. */
export const REPLICATED_SETTING_KEYS = [
  'companyName',
  'companyAddress',
  'companyPhone',
  'companyEmail',
  'companyLogo',
  'ticketPrefix',
  'workOrderPrefix',
  'sessionTimeoutMinutes',
  'timeZone',
  'workOrderDefaultMinutes',
  'slaTargets',
  'companyTaxId',
  'checklistTemplates',
] as const;

// Order matters: parents before children, so a replay in this order never breaks a foreign key.
export const REPLICATED_ENTITIES: readonly ReplicatedEntity[] = [
  { table: 'roles', key: 'id', columns: ['name', 'permissions', ...T], merge: 'lww', naturalKeys: ['name'], versioned: true, permissions: ['users:admin'] },
  {
    table: 'users',
    key: 'id',
    columns: ['email', 'username', 'full_name', 'password_hash', 'is_active', 'is_superuser', 'role_id', ...T],
    merge: 'lww',
    naturalKeys: ['email', 'username'],
    versioned: true,
    permissions: ['users:admin'],
    // Users are deactivated, never deleted.
    deletePermissions: [],
  },
  { table: 'ticket_categories', key: 'id', columns: ['name', 'description', ...T], merge: 'lww', naturalKeys: ['name'], versioned: true, permissions: ['catalog:write'] },
  {
    table: 'customers',
    key: 'id',
    columns: ['name', 'contact_name', 'phone', 'email', 'address', 'notes', 'town', ...T],
    merge: 'lww',
    textFields: ['name', 'address', 'notes'],
    versioned: true,
    permissions: ['catalog:write', 'tickets:write'],
    deletePermissions: ['catalog:write'],
  },
  {
    table: 'products',
    key: 'id',
    columns: ['sku', 'name', 'description', 'tracks_serial', 'unit', ...T],
    merge: 'lww',
    textFields: ['name', 'description'],
    naturalKeys: ['sku'],
    versioned: true,
    permissions: ['catalog:write'],
  },
  {
    table: 'tickets',
    key: 'id',
    columns: ['code', 'title', 'description', 'status', 'priority', 'category_id', 'customer_id', 'creator_id', 'assigned_to_id', 'resolution', 'closed_at', ...T],
    merge: 'lww',
    textFields: ['title', 'description', 'resolution'],
    versioned: true,
    permissions: ['tickets:write'],
    narrowWriters: [
      // workOrders.requestVisit moves an open ticket into progress; every OT change, note or reading re-sorts it.
      { permissions: ['workorders:write'], fields: { status: ['in_progress'], updated_at: null } },
      { permissions: ['workorders:execute'], fields: { updated_at: null } },
    ],
    // Tickets, OTs and their history are closed or cancelled, never deleted (a delete cascades on every copy).
    deletePermissions: [],
  },
  {
    table: 'work_orders',
    key: 'id',
    columns: ['code', 'ticket_id', 'technician_id', 'ot_type', 'status', 'scheduled_date', 'started_at', 'completed_at', 'total_duration', 'notes', 'estimated_minutes', 'work_done', 'duration_reason', ...T],
    merge: 'lww',
    textFields: ['notes', 'work_done'],
    versioned: true,
    // ck_work_orders_scheduled_needs_plan: a scheduled OT has a date and a technician.
    fieldGroups: [['status', 'scheduled_date', 'technician_id']],
    permissions: ['workorders:write', 'workorders:execute', 'tickets:write'],
    deletePermissions: [],
  },
  {
    table: 'ticket_timeline',
    key: 'id',
    columns: ['ticket_id', 'author_id', 'event_type', 'content', 'meta_data', ...T],
    merge: 'addOnly',
    permissions: ['tickets:write', 'workorders:write', 'workorders:execute'],
    deletePermissions: [],
  },
  {
    table: 'work_order_items',
    key: 'id',
    columns: ['work_order_id', 'product_id', 'serial_number', 'quantity', 'consumed_at', 'description', 'direction', 'unit', ...T],
    merge: 'addOnly',
    permissions: ['workorders:write', 'workorders:execute'],
  },
  {
    // One row per OT and checklist item (id `${work_order_id}:${item_key}`): answering again is a field edit.
    table: 'work_order_checklist_answers',
    key: 'id',
    columns: ['work_order_id', 'item_key', 'label', 'kind', 'unit', 'required', 'value', 'note', 'answered_by', ...T],
    merge: 'lww',
    versioned: true,
    permissions: ['workorders:write', 'workorders:execute'],
    deletePermissions: [],
  },
  {
    // Signing again adds a row; a signature is never edited or deleted.
    table: 'work_order_signatures',
    key: 'id',
    columns: ['work_order_id', 'role', 'signer_name', 'signer_id_number', 'strokes', 'image_png', 'content_hash', 'signed_by', 'signed_at', ...T],
    merge: 'addOnly',
    permissions: ['workorders:write', 'workorders:execute'],
    deletePermissions: [],
  },
  {
    // Photos and files: the row travels as an op; the bytes are content-addressed by sha256 in the data folder.
    table: 'attachments',
    key: 'id',
    columns: ['ticket_id', 'work_order_id', 'sha256', 'mime', 'size_bytes', 'width', 'height', 'file_name', 'created_by', ...T],
    merge: 'addOnly',
    permissions: ['tickets:write', 'workorders:write', 'workorders:execute'],
    deletePermissions: [],
  },
  { table: 'settings', key: 'key', columns: ['value', ...T], merge: 'lww', onlyRows: REPLICATED_SETTING_KEYS, versioned: true, permissions: ['settings:admin'] },
  {
    table: 'team_members',
    key: 'device_id',
    columns: ['slot', 'name', 'public_key', 'invitation_id', 'revoked_at', 'revoked_by', ...T],
    merge: 'lww',
    // Membership is written by the team channels only (create, invite, join, revoke, pairing): full access.
    permissions: [TEAM_ADMIN_ACCESS],
  },
  { table: 'team_invitations', key: 'id', columns: ['slot', 'expires_at', 'created_by', 'member_name', ...T], merge: 'addOnly', permissions: [TEAM_ADMIN_ACCESS] },
  // Rows of their own, not an lww column on team_invitations: no merge kind or clock changes on either hub, and a cancel is never undone.
  { table: 'team_invitation_cancellations', key: 'id', columns: ['invitation_id', 'cancelled_by', ...T], merge: 'addOnly', permissions: [TEAM_ADMIN_ACCESS] },
  // Aliases are made only by renumbering at team.join (full access; they travel in the joiner's baseline).
  { table: 'code_aliases', key: 'id', columns: ['entity', 'row_id', 'code', ...T], merge: 'addOnly', permissions: [TEAM_ADMIN_ACCESS] },
  // Written by conflicts.resolve, beside the resolving edit.
  { table: 'conflict_resolutions', key: 'id', columns: ['conflict_id', 'resolved_by', 'choice', 'note', ...T], merge: 'addOnly', permissions: CONFLICT_INBOX_ACCESS, deletePermissions: [] },
];

const BY_TABLE = new Map(REPLICATED_ENTITIES.map((entity) => [entity.table, entity]));

export function entityOf(table: string): ReplicatedEntity | undefined {
  return BY_TABLE.get(table);
}

export function isTextField(entity: ReplicatedEntity, field: string): boolean {
  return entity.textFields?.includes(field) ?? false;
}

/**
 * An OT's status moves are remembered with their base like text edits: a start and a cancel from the same base were
 * made without either seeing the other (a technician offline, the office), which the merge alone settles as cancelled.
 */
export function isWorkOrderStatus(entity: ReplicatedEntity, field: string): boolean {
  return entity.table === 'work_orders' && field === 'status';
}
