// One implementation of list/create/update/delete for the three catalogs (categories, customers, products).
import { asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { foldForSearch, type AppDb } from '../../../db/open';
import { AppError, notFound, type DomainEntity } from '../../contract';
import { loginKey } from '../../contract/auth';
import { inTransaction, nowIso, type ServiceContext } from '../context';
import { newId } from '../ids';
import { containsPattern, findSameName } from '../text';
import { saveVersioned } from '../versioned';

interface CatalogTable extends SQLiteTable {
  id: SQLiteColumn;
  name: SQLiteColumn;
  version: SQLiteColumn;
}

export interface CatalogSpec<Row, Dto> {
  table: CatalogTable;
  entity: DomainEntity;
  label: string;
  toDto: (row: Row) => Dto;
  /** Columns searched by `q` besides the name. */
  searchColumns?: SQLiteColumn[];
  /**
   * The rows that hold `foldedPattern` (for LIKE; `q` as typed, trimmed), at most `limit` of them in the list's order,
   * when kept folded ahead (customers: one prepared statement, searched at every keystroke); else the name and
   * searchColumns are folded as they are read.
   */
  search?: (ctx: ServiceContext, search: { q: string; foldedPattern: string }, limit: number) => Row[];
  /** A field that must be unique (case-insensitive), checked with a clear error. */
  unique?: { field: string; column: SQLiteColumn };
  /** How many records use this row; delete is refused when > 0. */
  usage: (db: AppDb, id: string) => number;
}

export function catalogService<Row extends { id: string; version: number }, Dto>(spec: CatalogSpec<Row, Dto>) {
  const { table } = spec;
  const byId = (db: AppDb, id: string): Row | undefined =>
    db.select().from(table).where(eq(table.id, id)).get() as Row | undefined;

  function assertUnique(db: AppDb, values: Record<string, unknown>, exceptId?: string): void {
    if (!spec.unique) return;
    const value = values[spec.unique.field];
    if (typeof value !== 'string') return;
    // Only the rows that can share its key are compared here: those whose SQLite lower() is the key (it folds ASCII, so
    // an ASCII row's key is its lower()) and those with a character past ASCII (lower() leaves it; compared in full).
    const column = spec.unique.column;
    const rows = db
      .select({ id: table.id, value: column })
      .from(table)
      .where(or(sql`lower(${column}) = ${loginKey(value)}`, sql`length(cast(${column} as blob)) <> length(${column})`))
      .all() as { id: string; value: string }[];
    const clash = findSameName(rows.filter((row) => row.id !== exceptId), (row) => row.value, value);
    if (clash) {
      throw new AppError('CONFLICT', `${spec.label} ${spec.unique.field} ${value} already exists`, {
        reason: 'duplicate',
        field: spec.unique.field,
      });
    }
  }

  return {
    list(ctx: ServiceContext, input: { q?: string | undefined; limit?: number | undefined }): Dto[] {
      const q = input.q?.trim();
      const limit = input.limit ?? 500;
      let where: SQL | undefined;
      if (q) {
        const pattern = containsPattern(q);
        if (spec.search) return spec.search(ctx, { q, foldedPattern: foldForSearch(pattern) }, limit).map(spec.toDto);
        const columns = [table.name, ...(spec.searchColumns ?? [])];
        where = sql.join(
          columns.map((c) => sql`fold(${c}) like fold(${pattern}) escape '\\'`),
          sql` or `,
        );
      }
      const rows = ctx.db
        .select()
        .from(table)
        .where(where)
        .orderBy(asc(sql`lower(${table.name})`))
        .limit(limit)
        .all() as Row[];
      return rows.map(spec.toDto);
    },

    get(ctx: ServiceContext, id: string): Dto {
      const row = byId(ctx.db, id);
      if (!row) throw notFound(spec.label, id);
      return spec.toDto(row);
    },

    create(ctx: ServiceContext, values: Record<string, unknown>): Dto {
      return inTransaction(ctx, (tx, emit) => {
        assertUnique(tx, values);
        const at = nowIso(ctx);
        const row = tx
          .insert(table)
          .values({ ...values, id: newId(), createdAt: at, updatedAt: at } as never)
          .returning()
          .get() as Row;
        emit({ entity: spec.entity, id: row.id, kind: 'created' });
        return spec.toDto(row);
      });
    },

    /** Writes only over the version the caller read: a stale `version` is CONFLICT stale_version, as for tickets. */
    update(ctx: ServiceContext, input: { id: string; version: number } & Record<string, unknown>): Dto {
      return inTransaction(ctx, (tx, emit) => {
        const { id, version, ...patch } = input;
        const current = byId(tx, id);
        if (!current) throw notFound(spec.label, id);
        assertUnique(tx, patch, id);
        const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        saveVersioned(tx, table, spec.label, { id, version }, changes, nowIso(ctx), { bumpVersion: true });
        emit({ entity: spec.entity, id, kind: 'updated' });
        return spec.toDto(byId(tx, id) as Row);
      });
    },

    remove(ctx: ServiceContext, id: string): null {
      return inTransaction(ctx, (tx, emit) => {
        if (!byId(tx, id)) throw notFound(spec.label, id);
        const uses = spec.usage(tx, id);
        if (uses > 0) {
          throw new AppError('CONFLICT', `${spec.label} is in use by ${uses} record(s) and cannot be deleted`, {
            reason: 'in_use',
            count: uses,
          });
        }
        tx.delete(table).where(eq(table.id, id)).run();
        emit({ entity: spec.entity, id, kind: 'deleted' });
        return null;
      });
    },
  };
}
