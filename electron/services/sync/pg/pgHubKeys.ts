// The TLS handshake asks for a key synchronously; PostgreSQL answers asynchronously. So the hub keeps the link keys
// and the live pairing keys in memory: reloaded after its own changes, and every second, since another hub process
// (or `team pair-code --postgres` in a shell) may pair devices or make codes meanwhile.
import type pg from 'pg';

interface LiveCode {
  key: Buffer;
  expiresAt: string;
}

export const KEY_REFRESH_MS = 1_000;
const MISS_RELOAD_MS = 250;

export class PgHubKeys {
  private links = new Map<string, Buffer>();
  private codes = new Map<string, LiveCode>();
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;
  private lastMissReload = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  /** Loads now; then every KEY_REFRESH_MS until stop(). A failed reload keeps the keys known so far. */
  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), KEY_REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One reload at a time; a call during one waits for a fresh one after it. */
  async reload(): Promise<void> {
    while (this.loading) await this.loading.catch(() => undefined);
    this.loading = this.load();
    try {
      await this.loading;
    } finally {
      this.loading = null;
    }
  }

  private async load(): Promise<void> {
    const links = await this.pool.query<{ peer_device_id: string; link_key: string }>('SELECT peer_device_id, link_key FROM sync_links');
    const codes = await this.pool.query<{ identity: string; pairing_key: string; expires_at: string }>(
      'SELECT identity, pairing_key, expires_at FROM sync_pairing_codes WHERE used_at IS NULL AND expires_at > $1',
      [this.now().toISOString()],
    );
    this.links = new Map(links.rows.map((row) => [row.peer_device_id, Buffer.from(row.link_key, 'base64')]));
    this.codes = new Map(codes.rows.map((row) => [row.identity, { key: Buffer.from(row.pairing_key, 'base64'), expiresAt: row.expires_at }]));
  }

  linkKey(deviceId: string): Buffer | null {
    return this.links.get(deviceId) ?? null;
  }

  /**
   * A code's key while unused and unexpired (by the hub's clock); the pairing transaction checks again. An unknown
   * one may be a code made a moment ago elsewhere: reload soon (at most every MISS_RELOAD_MS), so a retry finds it.
   */
  pairingKey(identity: string, nowIso: string): Buffer | null {
    const code = this.codes.get(identity);
    if (code) return code.expiresAt > nowIso ? code.key : null;
    const now = Date.now();
    if (now - this.lastMissReload >= MISS_RELOAD_MS) {
      this.lastMissReload = now;
      void this.reload().catch(() => undefined);
    }
    return null;
  }

  /** After this process paired a device: its code is gone, its link key known, before the next reload. */
  paired(identity: string, deviceId: string, linkKey: Buffer): void {
    this.codes.delete(identity);
    this.links.set(deviceId, linkKey);
  }
}
