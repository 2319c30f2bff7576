// The per-install WebSocket token: generated once, kept under its own settings key (never in SettingsDto).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import type { TelemetrySocketInfo } from '../../contract';
import { nowIso, type ServiceContext } from '../context';
import { readSettings } from '../settings';

export const SOCKET_TOKEN_KEY = 'telemetrySocketToken';

/** Reads the token, creating it on first use; INSERT OR IGNORE keeps two racing first reads on one token. */
export function ensureSocketToken(ctx: Pick<ServiceContext, 'db' | 'clock'>): string {
  const at = nowIso(ctx);
  ctx.db
    .insert(settings)
    .values({ key: SOCKET_TOKEN_KEY, value: randomBytes(32).toString('base64url'), createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: settings.key })
    .run();
  const row = ctx.db.select().from(settings).where(eq(settings.key, SOCKET_TOKEN_KEY)).get();
  if (typeof row?.value !== 'string') throw new Error('the telemetry socket token could not be stored');
  return row.value;
}

export function socketInfo(ctx: ServiceContext, stats: TelemetrySocketInfo['stats']): TelemetrySocketInfo {
  const current = readSettings(ctx.db);
  const token = ensureSocketToken(ctx);
  const port = current.telemetrySocketPort;
  return { enabled: current.telemetrySocketEnabled, port, token, url: `ws://127.0.0.1:${port}/?token=${token}`, stats };
}
