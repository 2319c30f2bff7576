// Demo data only goes where it cannot mix with real work: an empty database, or one this generator made.
import type Database from 'better-sqlite3';
import { DEMO_MARKER_KEY, isDemoCopy } from '../../electron/services/demoCopy';
import { verifyPassword } from '../../electron/services/users/passwords';
import { DEMO_PASSWORD } from './people';

export type DemoTarget = 'empty' | 'demo' | 'real';

function rows(sqlite: Database.Database, table: string): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function markDemoDatabase(sqlite: Database.Database, at: string): void {
  sqlite
    .prepare('INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING')
    .run(DEMO_MARKER_KEY, JSON.stringify({ generatedAt: at }), at, at);
}

export async function demoTarget(sqlite: Database.Database): Promise<DemoTarget> {
  if (['users', 'tickets', 'customers', 'work_orders'].every((table) => rows(sqlite, table) === 0)) return 'empty';
  if (isDemoCopy(sqlite)) return 'demo';
  // Demo databases made before the marker: tecnico1 still has the public demo password.
  const technician = sqlite.prepare("SELECT password_hash AS hash FROM users WHERE username = 'tecnico1'").get() as { hash: string } | undefined;
  return technician && (await verifyPassword(technician.hash, DEMO_PASSWORD)) ? 'demo' : 'real';
}
