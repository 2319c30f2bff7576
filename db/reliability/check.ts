// `check`: a read-only health report of a database file (integrity, references, identity, version).
import { existsSync, statSync } from 'node:fs';
import { classifyReadFailure } from '../errors';
import type { DatabaseFailure } from '../failures';
import { APPLICATION_ID } from '../open';
import { defaultMigrationsFolder, schemaVersionOf } from '../migrations';
import { schemaProblems } from '../schema-check';
import { hasSqliteHeader, withReadOnly } from './inspect';

export interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

export interface CheckReport {
  file: string;
  ok: boolean;
  /** The first thing wrong, in the reasons open and restore use too (FAILURE_WORDS has its words); null when ok. */
  reason: DatabaseFailure | null;
  applicationId: number | null;
  schemaVersion: number | null;
  knownVersion: number;
  integrity: string[];
  /** Tables, columns and triggers the file's schema version promises but it lacks; empty when whole. */
  schema: string[];
  foreignKeyViolations: ForeignKeyViolation[];
  /** One line per problem, plain English; empty when ok. */
  problems: string[];
}

export function checkDatabase(file: string, migrationsFolder = defaultMigrationsFolder(), options: { busyTimeoutMs?: number } = {}): CheckReport {
  const knownVersion = schemaVersionOf(migrationsFolder);
  const report: CheckReport = {
    file,
    ok: false,
    reason: null,
    applicationId: null,
    schemaVersion: null,
    knownVersion,
    integrity: [],
    schema: [],
    foreignKeyViolations: [],
    problems: [],
  };
  if (!existsSync(file)) {
    report.problems.push(`${file} does not exist`);
    report.reason = 'missing';
    return report;
  }
  if (!statSync(file).isFile()) {
    report.problems.push(`${file} is not a file`);
    report.reason = 'unreadable';
    return report;
  }
  if (!hasSqliteHeader(file)) {
    report.problems.push('not an Emerald database (not a SQLite file)');
    report.reason = 'not_emerald';
    return report;
  }
  let readFailure: DatabaseFailure | null = null;
  try {
    withReadOnly(file, (sqlite) => {
      sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      report.applicationId = sqlite.pragma('application_id', { simple: true }) as number;
      report.schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
      report.integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      const version = report.schemaVersion;
      if (report.applicationId === APPLICATION_ID && version <= knownVersion) {
        report.schema = version === 0 ? ['no schema version: not an Emerald database yet'] : schemaProblems(sqlite, migrationsFolder, version);
      }
      report.foreignKeyViolations = (sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map(
        ({ table, rowid, parent }) => ({ table, rowid, parent }),
      );
    });
  } catch (error) {
    report.problems.push(`cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
    readFailure = classifyReadFailure(error);
  }
  if (report.applicationId !== null && report.applicationId !== APPLICATION_ID) report.problems.push('not an Emerald database (application_id)');
  if (report.schemaVersion !== null && report.schemaVersion > knownVersion) {
    report.problems.push(`written by a newer Emerald (schema ${report.schemaVersion}, this version knows ${knownVersion})`);
  }
  if (report.integrity.length > 0 && !(report.integrity.length === 1 && report.integrity[0] === 'ok')) {
    report.problems.push(...report.integrity.slice(0, 20).map((line) => `integrity: ${line}`));
  }
  report.problems.push(...report.schema.slice(0, 20));
  if (report.schema.length > 20) report.problems.push(`… and ${report.schema.length - 20} more schema problems`);
  for (const v of report.foreignKeyViolations.slice(0, 20)) {
    report.problems.push(`broken reference: ${v.table} row ${v.rowid ?? '?'} points to a missing ${v.parent}`);
  }
  if (report.foreignKeyViolations.length > 20) report.problems.push(`… and ${report.foreignKeyViolations.length - 20} more broken references`);
  report.ok = report.problems.length === 0;
  report.reason = report.ok ? null : checkReason(report, readFailure, knownVersion);
  return report;
}

/** The first problem found, as one of the shared reasons: identity and version before damage before missing tables. */
function checkReason(report: CheckReport, readFailure: DatabaseFailure | null, knownVersion: number): DatabaseFailure {
  if (report.applicationId !== null && report.applicationId !== APPLICATION_ID) return 'not_emerald';
  if (report.schemaVersion === 0) return 'not_emerald';
  if (report.schemaVersion !== null && report.schemaVersion > knownVersion) return 'newer_version';
  if (readFailure) return readFailure;
  if (report.integrity.length > 0 && !(report.integrity.length === 1 && report.integrity[0] === 'ok')) return 'corrupt';
  if (report.schema.length > 0) return 'missing_schema';
  return 'corrupt'; // broken references
}
