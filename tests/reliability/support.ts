// Shared by the reliability tests: temp folders, file fingerprints, row snapshots and child processes.
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { fillMissingTicketSla } from '../../electron/services/sla';
import { bundledScript } from '../support/bundled';

const made: string[] = [];
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-rel-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Tables whose rows are the user's data (not SQLite's, drizzle's or the FTS index's internals). */
export function dataTables(sqlite: Database.Database): string[] {
  const rows = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'ticket_search%' ORDER BY name",
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** Every row of every data table, each row as JSON, sorted: two snapshots are equal when no row changed. */
export function snapshotRows(sqlite: Database.Database, onlyColumnsOf?: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const tables = onlyColumnsOf ? Object.keys(onlyColumnsOf) : dataTables(sqlite);
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    const columns = onlyColumnsOf?.[table];
    out[table] = rows
      .map((row) => JSON.stringify(columns ? Object.fromEntries(columns.map((c) => [c, row[c]])) : row))
      .sort();
  }
  return out;
}

export function columnsOf(sqlite: Database.Database): Record<string, string[]> {
  return Object.fromEntries(
    dataTables(sqlite).map((table) => [table, (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name)]),
  );
}

/** Overwrites `length` bytes in the middle of a file with a fixed pattern (a torn or bit-rotted page). */
export function damageMiddle(buffer: Buffer, length = 4096): Buffer {
  const copy = Buffer.from(buffer);
  const start = Math.floor(copy.length / 2);
  copy.fill(0xa5, start, Math.min(start + length, copy.length));
  return copy;
}

/** A TypeScript child process (a script of tests/reliability, bundled once per test process: support/bundled.ts), with its stdout split into lines. */
export class Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  private partial = '';
  private waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';

  /** Starts `script` (relative to tests/reliability) with these arguments. */
  static async start(script: string, args: string[]): Promise<Child> {
    return new Child(await bundledScript(path.posix.join('tests/reliability', script)), args);
  }

  private constructor(bundle: string, args: string[]) {
    this.process = spawn(process.execPath, [bundle, ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }

  private onData(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    // The last piece has no newline yet: a line cut short by a kill is never counted.
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      for (const waiter of this.waiters.filter((w) => w.test(line))) {
        waiter.resolve();
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
      }
    }
  }

  /** Resolves once a line matching `test` has been printed (or rejects if the child exits first). */
  waitFor(test: (line: string) => boolean): Promise<void> {
    if (this.lines.some(test)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ test, resolve });
      void this.exited.then((code) => reject(new Error(`child exited (${code}) before the expected line; stderr:\n${this.stderr}`)));
    });
  }

  async kill(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    await this.exited;
  }
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The user a root test run drops to: file permissions do not bind root, so permission tests run as `nobody`. */
const UNPRIVILEGED = { user: 'nobody', group: 'nogroup' };

/** Gives these paths to the unprivileged user when running as root (so chmod means what it says for it); else nothing. */
export function handToUnprivileged(...paths: string[]): void {
  if (!isRoot) return;
  const uid = Number(execFileSync('id', ['-u', UNPRIVILEGED.user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('getent', ['group', UNPRIVILEGED.group], { encoding: 'utf8' }).split(':')[2]);
  for (const target of paths) chownSync(target, uid, gid);
}

/**
 * Runs a script to its end (`bundle`: from bundledScript, support/bundled.ts) and returns its last stdout line parsed
 * as JSON: as `nobody` (setpriv) when the tests run as root, as the current user otherwise. Fails loudly when it cannot.
 */
export function runUnprivileged(bundle: string, args: string[]): Record<string, unknown> {
  const script = path.basename(bundle);
  const command = [process.execPath, bundle, ...args];
  const drop = ['setpriv', `--reuid=${UNPRIVILEGED.user}`, `--regid=${UNPRIVILEGED.group}`, '--clear-groups', '--'];
  const [program, ...rest] = isRoot ? [...drop, ...command] : command;
  const result = spawnSync(program as string, rest, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  const last = result.stdout?.trim().split('\n').pop();
  if (result.error || result.status !== 0 || !last) {
    throw new Error(`${isRoot ? 'as nobody: ' : ''}${script} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`);
  }
  return JSON.parse(last) as Record<string, unknown>;
}

/**
 * Fills `dir` with a database spanning many pages (1,500 tickets, their SLA rows), closed and checkpointed, so that
 * damaging its middle hits table data quick_check reads.
 */
export function databaseOfManyPages(dir: string): void {
  createBackend({ dataDir: dir }).close();
  const raw = new Database(databasePath(dir));
  raw.exec("INSERT INTO users (id, email, username, full_name, password_hash) VALUES ('u1', 'a@example.com', 'a', 'A', 'x')");
  const insert = raw.prepare("INSERT INTO tickets (id, code, title, description, creator_id) VALUES (?, ?, ?, ?, 'u1')");
  raw.transaction(() => {
    for (let i = 0; i < 1500; i++) insert.run(`t${i}`, `TK-2026-${String(i).padStart(6, '0')}`, `Ticket ${i}`, 'x'.repeat(200));
  })();
  fillMissingTicketSla(raw);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}
