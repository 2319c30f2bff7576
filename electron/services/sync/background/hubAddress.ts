// Where this copy's hub is known to listen, for texts that tell a laptop what to type (`team pair-code`):
// a running headless hub records its URLs; else the saved hub switch (serve --hub, Administración → Equipo).
import type Database from 'better-sqlite3';
import { prepared } from '../../sql';
import { readHubSetting } from './hubSetting';
import { lanUrls } from './lanUrls';

export const HUB_LISTENING_KEY = 'syncHubListening';

interface ListeningRecord {
  urls: string[];
  pid: number;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Written by the headless `hub` command while it runs (a per-laptop settings row, never replicated). */
export function recordHubListening(sqlite: Database.Database, urls: string[], at: string): void {
  prepared(
    sqlite,
    `INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(HUB_LISTENING_KEY, JSON.stringify({ urls, pid: process.pid } satisfies ListeningRecord), at, at);
}

export function clearHubListening(sqlite: Database.Database): void {
  prepared(sqlite, 'DELETE FROM settings WHERE key = ?').run(HUB_LISTENING_KEY);
}

/** The URLs a headless `hub` running on this folder now printed; none when it is not running. */
export function runningHubUrls(sqlite: Database.Database): string[] {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(HUB_LISTENING_KEY) as { value: string } | undefined;
  if (!row) return [];
  try {
    const value = JSON.parse(row.value) as Partial<ListeningRecord>;
    const urls = Array.isArray(value.urls) ? value.urls.filter((url): url is string => typeof url === 'string') : [];
    // A hub killed without cleaning up left its row: only a live process counts.
    return typeof value.pid === 'number' && alive(value.pid) ? urls : [];
  } catch {
    return [];
  }
}

/** The URLs a laptop can type to reach this copy's hub; empty when nothing says where (or whether) it listens. */
export function knownHubUrls(sqlite: Database.Database): string[] {
  const running = runningHubUrls(sqlite);
  if (running.length > 0) return running;
  const setting = readHubSetting(sqlite);
  // Port 0 is "any free port": only the running hub knows which.
  return setting.enabled && setting.port !== 0 ? lanUrls(setting.host, setting.port) : [];
}

/** Whether this copy acts as the hub: members connect to it (links without a URL), or hub mode is on. */
export function actsAsHub(sqlite: Database.Database): boolean {
  if (readHubSetting(sqlite).enabled || runningHubUrls(sqlite).length > 0) return true;
  return prepared(sqlite, 'SELECT 1 FROM sync_links WHERE url IS NULL LIMIT 1').get() !== undefined;
}
