// Hub processes sharing one database hear each other through PostgreSQL's LISTEN/NOTIFY: a commit that adds ops
// wakes the long polls of every hub at once (not at their next one-second look), and a new code or link reaches
// every key cache at once. A notice is a hint only: the one-second looks stay, so a lost notice costs a second.
import pg from 'pg';
import { hubClientConfig } from './pgHubDb';
import type { PgClient } from './pgSql';

export const NOTICE_CHANNEL = 'emerald_hub';
export type HubNotice = 'ops' | 'keys';
/** How each running hub process's listening connection names itself to PostgreSQL. */
const LISTENER_NAME = 'emerald-hub-notices';

/** Hub processes serving this database now: each keeps one listening connection open while it runs. */
export async function runningHubProcesses(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER_NAME]);
  return rows[0]?.n ?? 0;
}

/** Inside the writing transaction: PostgreSQL delivers it at commit, and never if it rolls back. */
export async function notifyHubs(client: PgClient, notice: HubNotice): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [NOTICE_CHANNEL, notice]);
}

const RETRY_MS = 1_000;

/** One listening connection, reopened after PostgreSQL restarts; `close()` ends it. */
export class HubNoticeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onNotice: (notice: HubNotice) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect().catch(() => this.later());
  }

  private later(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect().catch(() => this.later());
    }, RETRY_MS);
    this.retry.unref();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(hubClientConfig(this.url, { application_name: LISTENER_NAME }));
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.client === client) this.client = null;
      this.later();
    });
    client.on('notification', (message) => {
      if (message.channel === NOTICE_CHANNEL && (message.payload === 'ops' || message.payload === 'keys')) this.onNotice(message.payload);
    });
    await client.connect();
    if (this.closed) return void (await client.end());
    await client.query(`LISTEN ${NOTICE_CHANNEL}`);
    this.client = client;
    // Whatever happened while we were not listening: look once.
    this.onNotice('ops');
    this.onNotice('keys');
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
