// One-time pairing codes for the central hub (`team pair-code --postgres URL`): made as an active user with full
// access; only what the code derives is stored, as on a laptop (pairingCodes.ts). Any hub process on the database
// picks it up within a second (pgHubKeys.ts).
import type pg from 'pg';
import { AppError } from '../../../contract';
import { DEFAULT_CODE_MINUTES, derivePairingSecret, MAX_CODE_MINUTES, MAX_LIVE_CODES, MIN_CODE_MINUTES, randomCode, type PairingCode } from '../net/pairingCodes';
import { inPgTransaction } from './pgHubDb';
import { readHubIdentity } from './pgHubIdentity';
import { notifyHubs } from './pgHubNotices';
import { pgTeamAdmin } from './pgHubPairing';
import { pgRun } from './pgSql';

/** The user a command acts as: --as USERNAME, else the first active superuser (as the laptop's command line). */
export async function pgActingAdmin(pool: pg.Pool, username: string | undefined): Promise<{ id: string; username: string }> {
  return inPgTransaction(
    pool,
    async (client) => {
      const rows = username
        ? await pgRun<{ id: string }>(client, 'SELECT id FROM users WHERE lower(username COLLATE "C") = lower($1 COLLATE "C")', [username])
        : await pgRun<{ id: string }>(client, 'SELECT id FROM users WHERE is_superuser AND is_active ORDER BY created_at, id COLLATE "C" LIMIT 1');
      const id = rows[0]?.id;
      if (!id) {
        const message = username ? `there is no user "${username}" on this hub` : 'this hub has no active superuser: pass --as USERNAME of an administrator';
        throw new AppError('NOT_FOUND', message, { reason: 'no_admin' });
      }
      const admin = await pgTeamAdmin(client, id);
      if (!admin) throw new AppError('FORBIDDEN', `"${username ?? id}" is deactivated or lacks full access ('*'), which pairing needs`, { reason: 'not_team_admin' });
      return { id: admin.id, username: admin.username };
    },
    'read committed',
    true,
  );
}

export async function pgMakePairingCode(pool: pg.Pool, creatorId: string, now: Date, opts: { validMinutes?: number } = {}): Promise<PairingCode> {
  const code = randomCode();
  const secret = await derivePairingSecret(code);
  const minutes = Math.min(Math.max(opts.validMinutes ?? DEFAULT_CODE_MINUTES, MIN_CODE_MINUTES), MAX_CODE_MINUTES);
  const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
  const at = now.toISOString();
  return inPgTransaction(pool, async (client) => {
    const hub = await readHubIdentity(client);
    await pgRun(client, 'DELETE FROM sync_pairing_codes WHERE used_at IS NOT NULL OR expires_at <= $1', [at]);
    await pgRun(
      client,
      'DELETE FROM sync_pairing_codes WHERE identity IN (SELECT identity FROM sync_pairing_codes ORDER BY created_at DESC, identity OFFSET $1)',
      [MAX_LIVE_CODES - 1],
    );
    await pgRun(client, 'INSERT INTO sync_pairing_codes (identity, pairing_key, created_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
      secret.identity,
      secret.psk.toString('base64'),
      creatorId,
      expiresAt,
      at,
    ]);
    // Every running hub process on this database knows the code at once (their key caches reload).
    await notifyHubs(client, 'keys');
    return { code, id: secret.identity, expiresAt, fingerprint: hub.fingerprint };
  });
}
