// SQL made from the entity list: the capture triggers and the baseline that turns existing rows into ops.
// Migration 0009 holds the output as it was then; 0027 (and any later refresh) holds today's capture triggers, and
// tests/sync/capture-triggers.test.ts fails if a migrated database's triggers drift from this file.
import { REPLICATED_ENTITIES, type ReplicatedEntity } from './entities';

const q = (name: string) => `\`${name}\``;
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;

function valuesObject(entity: ReplicatedEntity, alias: 'new' | 'old' | null): string {
  const ref = (column: string) => (alias ? `${alias}.${q(column)}` : q(column));
  return `json_object(${entity.columns.map((column) => `${quoteText(column)}, ${ref(column)}`).join(', ')})`;
}

function rowFilter(entity: ReplicatedEntity, alias: 'new' | 'old'): string {
  return entity.onlyRows ? ` AND ${alias}.${q(entity.key)} IN (${entity.onlyRows.map(quoteText).join(', ')})` : '';
}

const CAPTURING = '(SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1';

const CAPTURE_KINDS = ['insert', 'update', 'delete'] as const;

/** A later migration's refresh of some tables' capture triggers: drop the old ones, create them from the current list. */
export function refreshCaptureTriggersSql(tables: readonly string[]): string[] {
  const entities = REPLICATED_ENTITIES.filter((entity) => tables.includes(entity.table));
  const drops = entities.flatMap((entity) => CAPTURE_KINDS.map((kind) => `DROP TRIGGER IF EXISTS ${q(`tr_sync_${entity.table}_${kind}`)};`));
  return [...drops, ...entities.flatMap(captureTriggersSql)];
}

/** The names of every capture trigger, as captureTriggersSql makes them. */
export const captureTriggerNames = (): string[] => REPLICATED_ENTITIES.flatMap((entity) => CAPTURE_KINDS.map((kind) => `tr_sync_${entity.table}_${kind}`));

const changed = (column: string) => `old.${q(column)} IS NOT new.${q(column)}`;

/**
 * What an update changed, as a JSON object of the new values: each column whose value changed, and every column of a
 * field group one of whose columns changed. Text pieces joined rather than json_object of all columns twice: only what
 * the op will carry is serialised (json_quote writes a value as json_object would).
 */
function changedValuesObject(entity: ReplicatedEntity): string {
  const groupOf = (column: string) => entity.fieldGroups?.find((group) => group.includes(column)) ?? [column];
  const pieces = entity.columns.map((column) => {
    const when = groupOf(column).map(changed).join(' OR ');
    return `CASE WHEN ${when} THEN ${quoteText(`,${JSON.stringify(column)}:`)} || json_quote(new.${q(column)}) ELSE '' END`;
  });
  return `'{' || substr(${pieces.join(' || ')}, 2) || '}'`;
}

export function captureTriggersSql(entity: ReplicatedEntity): string[] {
  const table = entity.table;
  const capture = (kind: string, row: 'new' | 'old', newValues: string) =>
    `INSERT INTO \`sync_capture\` (\`entity\`, \`row_id\`, \`kind\`, \`new_values\`) VALUES (${quoteText(table)}, ${row}.${q(entity.key)}, '${kind}', ${newValues});`;
  // An update that left every replicated column as it was captures nothing (it would make no op).
  const anyChanged = `(${entity.columns.map(changed).join(' OR ')})`;
  return [
    `CREATE TRIGGER ${q(`tr_sync_${table}_insert`)} AFTER INSERT ON ${q(table)} WHEN ${CAPTURING}${rowFilter(entity, 'new')} BEGIN\n\t${capture('insert', 'new', valuesObject(entity, 'new'))}\nEND;`,
    `CREATE TRIGGER ${q(`tr_sync_${table}_update`)} AFTER UPDATE OF ${entity.columns.map(q).join(', ')} ON ${q(table)} WHEN ${anyChanged} AND ${CAPTURING}${rowFilter(entity, 'new')} BEGIN\n\t${capture('update', 'new', changedValuesObject(entity))}\nEND;`,
    `CREATE TRIGGER ${q(`tr_sync_${table}_delete`)} AFTER DELETE ON ${q(table)} WHEN ${CAPTURING}${rowFilter(entity, 'old')} BEGIN\n\t${capture('delete', 'old', 'NULL')}\nEND;`,
  ];
}

/** One insert op per existing replicated row, all stamped now by this device; then the clocks and the counters. */
export function baselineSql(schemaVersion: number, entities: readonly ReplicatedEntity[] = REPLICATED_ENTITIES): string[] {
  const sources = entities.map(
    (entity, order) =>
      `SELECT ${order} AS ord, ${q(entity.key)} AS rid, ${quoteText(entity.table)} AS entity, ${valuesObject(entity, null)} AS fields FROM ${q(entity.table)}${
        entity.onlyRows ? ` WHERE ${q(entity.key)} IN (${entity.onlyRows.map(quoteText).join(', ')})` : ''
      }`,
  );
  const lww = entities.filter((entity) => entity.merge === 'lww').map((entity) => quoteText(entity.table));
  return [
    `WITH src AS (\n\t${sources.join('\n\tUNION ALL ')}\n), numbered AS (SELECT row_number() OVER (ORDER BY ord, rid) AS n, rid, entity, fields FROM src)
INSERT INTO \`sync_ops\` (\`device_id\`, \`seq\`, \`hlc\`, \`entity\`, \`row_id\`, \`kind\`, \`fields\`, \`base\`, \`author_id\`, \`schema_version\`, \`status\`)
SELECT l.\`device_id\`, l.\`next_seq\` + n - 1, w.wall || '-' || printf('%06x', n - 1) || '-' || l.\`device_id\`, entity, rid, 'insert', fields, NULL, NULL, ${schemaVersion}, 'applied'
FROM numbered, \`sync_local\` l, (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS wall) w
WHERE l.\`id\` = 1;`,
    `INSERT INTO \`sync_clocks\` (\`entity\`, \`row_id\`, \`row_hlc\`) SELECT \`entity\`, \`row_id\`, \`hlc\` FROM \`sync_ops\` WHERE \`kind\` = 'insert' AND \`entity\` IN (${lww.join(', ')});`,
    `UPDATE \`sync_local\` SET \`next_seq\` = (SELECT coalesce(max(\`seq\`), 0) + 1 FROM \`sync_ops\` WHERE \`device_id\` = \`sync_local\`.\`device_id\`), \`last_hlc\` = coalesce((SELECT max(\`hlc\`) FROM \`sync_ops\`), \`last_hlc\`) WHERE \`id\` = 1;`,
  ];
}

/**
 * Replicated columns added by migrations after 0009 (table -> columns): 0009 runs before they exist, so its SQL must
 * not name them; the migration that added each one drops and recreates its table's triggers (0016: town, estimated_minutes).
 */
export const COLUMNS_ADDED_AFTER_0009: Readonly<Record<string, readonly string[]>> = {
  customers: ['town'],
  work_orders: ['estimated_minutes', 'work_done', 'duration_reason'],
  products: ['unit'],
  work_order_items: ['description', 'direction', 'unit'],
  team_invitations: ['member_name'],
};

/** Replicated tables created after 0009 (0022: field capture; 0034: cancelled invitations); their migration creates their triggers. */
export const TABLES_ADDED_AFTER_0009: readonly string[] = ['work_order_checklist_answers', 'work_order_signatures', 'attachments', 'team_invitation_cancellations'];

/** The entity list as it stood when migration 0009 ran. */
function entitiesAt0009(): ReplicatedEntity[] {
  return REPLICATED_ENTITIES.filter((entity) => !TABLES_ADDED_AFTER_0009.includes(entity.table)).map((entity) => {
    const later = COLUMNS_ADDED_AFTER_0009[entity.table] ?? [];
    return { ...entity, columns: entity.columns.filter((column) => !later.includes(column)) };
  });
}

/** The body of migration 0009: this copy's identity, the capture triggers and the baseline. */
export function syncMigrationSql(schemaVersion: number): string {
  const entities = entitiesAt0009();
  const statements = [
    '-- Team sync, generated by scripts/gen-sync-migration.ts from electron/services/sync/entities.ts (do not edit by hand).\n' +
      "INSERT INTO `sync_local` (`id`, `device_id`) VALUES (1, lower(hex(randomblob(8))));",
    ...entities.flatMap(captureTriggersSql),
    ...baselineSql(schemaVersion, entities),
  ];
  return statements.join('\n--> statement-breakpoint\n') + '\n';
}
