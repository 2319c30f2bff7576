// Hub mode of this copy (Administración → Equipo, or `serve --hub`): a per-laptop setting, never replicated —
// the key is not one of REPLICATED_SETTING_KEYS, so the capture triggers skip it.
import type Database from 'better-sqlite3';
import { prepared } from '../../sql';

export const HUB_SETTING_KEY = 'syncHub';
export const DEFAULT_HUB_HOST = '0.0.0.0';
export const DEFAULT_HUB_PORT = 7443;

export interface HubSetting {
  enabled: boolean;
  host: string;
  port: number;
}

export const DEFAULT_HUB_SETTING: HubSetting = { enabled: false, host: DEFAULT_HUB_HOST, port: DEFAULT_HUB_PORT };

/** "0.0.0.0:7443", "127.0.0.1:0", "[::]:7443" or a bare port; null when it is none of these. */
export function parseListen(text: string): { host: string; port: number } | null {
  const trimmed = text.trim();
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9A-Za-z.-]*)):(\d{1,5})$/.exec(trimmed) ?? /^()()(\d{1,5})$/.exec(trimmed);
  if (!match) return null;
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port > 65535) return null;
  const host = match[1] ?? (match[2] || DEFAULT_HUB_HOST);
  return { host, port };
}

export function formatListen(setting: Pick<HubSetting, 'host' | 'port'>): string {
  return setting.host.includes(':') ? `[${setting.host}]:${setting.port}` : `${setting.host}:${setting.port}`;
}

export function readHubSetting(sqlite: Database.Database): HubSetting {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(HUB_SETTING_KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_HUB_SETTING;
  try {
    const value = JSON.parse(row.value) as Partial<HubSetting>;
    const listen = typeof value.host === 'string' && typeof value.port === 'number' ? parseListen(formatListen({ host: value.host, port: value.port })) : null;
    return { enabled: value.enabled === true, ...(listen ?? { host: DEFAULT_HUB_HOST, port: DEFAULT_HUB_PORT }) };
  } catch {
    // A hand-edited value: hub mode stays off rather than listening somewhere nobody chose.
    return DEFAULT_HUB_SETTING;
  }
}

export function writeHubSetting(sqlite: Database.Database, setting: HubSetting, at: string): void {
  prepared(
    sqlite,
    `INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(HUB_SETTING_KEY, JSON.stringify(setting), at, at);
}
