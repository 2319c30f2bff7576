// One-time pairing codes: an admin makes one on the hub, a newcomer types it. Both ends derive from it (scrypt, so an
// offline guess costs real time) a TLS identity and a pre-shared key: whoever lacks the code cannot finish the
// handshake. The hub keeps only what the code derives, for ten minutes, for one use.
import { randomInt, scrypt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../contract';
import { requireActor, type ServiceContext } from '../../context';
import { prepared } from '../../sql';
import { revokedAtOf } from '../bundle-keys';
import { ownFingerprint } from './links';
import { PAIR_IDENTITY_PREFIX } from './tlsPsk';

/** No 0/O, 1/I/L: a code read aloud or off a screen is typed right the first time. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const DEFAULT_CODE_MINUTES = 10;
export const MIN_CODE_MINUTES = 1;
export const MAX_CODE_MINUTES = 60;
export const MAX_LIVE_CODES = 5;
// ~100 ms and 32 MiB per guess; the same on both ends.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SALT = 'emerald-pairing-v1';

export interface PairingCode {
  code: string;
  /** The identity the code derives (what the handshake names, never the code): how usedCodeIds refers to it. */
  id: string;
  expiresAt: string;
  fingerprint: string;
}

export interface PairingSecret {
  identity: string;
  psk: Buffer;
}

/** `k7qm 4xhp`, `K7QM4XHP` and `K7QM-4XHP` are the same code; anything else is not a code. */
export function normalizePairingCode(text: string): string | null {
  const bare = text.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== CODE_LENGTH || [...bare].some((char) => !ALPHABET.includes(char))) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}

export function derivePairingSecret(code: string): Promise<PairingSecret> {
  const normalized = normalizePairingCode(code);
  if (!normalized) return Promise.reject(badCode());
  return new Promise((resolve, reject) => {
    scrypt(normalized.replace('-', ''), SALT, 64, SCRYPT, (error, derived) => {
      if (error) return reject(error);
      resolve({ identity: `${PAIR_IDENTITY_PREFIX}${derived.subarray(0, 16).toString('hex')}`, psk: Buffer.from(derived.subarray(32, 64)) });
    });
  });
}

export function badCode(): AppError {
  return new AppError('VALIDATION', 'the pairing code is wrong, already used or expired; make a new one on the hub', { reason: 'bad_code', field: 'code' });
}

export function randomCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * Makes a code on this copy (the hub, or a member another member will link with). Stores only the derived identity
 * and key; drops codes used or expired, and the oldest live ones beyond MAX_LIVE_CODES.
 */
export async function makePairingCode(ctx: ServiceContext, opts: { validMinutes?: number } = {}): Promise<PairingCode> {
  const actor = requireActor(ctx);
  const fingerprint = ownFingerprint(ctx.sqlite);
  const self = prepared(ctx.sqlite, 'SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string };
  if (revokedAtOf(ctx.sqlite, self.device_id)) throw new AppError('FORBIDDEN', 'this device was revoked from the team; it cannot pair others', { reason: 'device_revoked' });
  const code = randomCode();
  const secret = await derivePairingSecret(code);
  const now = ctx.clock.now();
  const minutes = Math.min(Math.max(opts.validMinutes ?? DEFAULT_CODE_MINUTES, MIN_CODE_MINUTES), MAX_CODE_MINUTES);
  const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
  ctx.sqlite.transaction(() => {
    const at = now.toISOString();
    prepared(ctx.sqlite, 'DELETE FROM sync_pairing_codes WHERE used_at IS NOT NULL OR expires_at <= ?').run(at);
    prepared(
      ctx.sqlite,
      `DELETE FROM sync_pairing_codes WHERE identity IN (SELECT identity FROM sync_pairing_codes ORDER BY created_at DESC, identity LIMIT -1 OFFSET ?)`,
    ).run(MAX_LIVE_CODES - 1);
    prepared(ctx.sqlite, 'INSERT INTO sync_pairing_codes (identity, pairing_key, created_by, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(
      secret.identity,
      secret.psk.toString('base64'),
      actor.id,
      expiresAt,
      at,
    );
  }).immediate();
  return { code, id: secret.identity, expiresAt, fingerprint };
}

/** The codes made here that a laptop has used while they were still valid (their ids), until the next code drops them. */
export function usedCodeIds(sqlite: Database.Database, nowIso: string): string[] {
  return prepared(sqlite, 'SELECT identity FROM sync_pairing_codes WHERE used_at IS NOT NULL AND expires_at > ?').pluck().all(nowIso) as string[];
}

interface CodeRow {
  pairing_key: string;
  created_by: string | null;
}

/** The key of a live code (unused, unexpired) for the handshake; null refuses it. */
export function livePairingKey(sqlite: Database.Database, identity: string, nowIso: string): Buffer | null {
  const row = prepared(sqlite, 'SELECT pairing_key FROM sync_pairing_codes WHERE identity = ? AND used_at IS NULL AND expires_at > ?').get(identity, nowIso) as
    | Pick<CodeRow, 'pairing_key'>
    | undefined;
  return row ? Buffer.from(row.pairing_key, 'base64') : null;
}

/** Marks the code used (inside the pairing transaction); throws bad_code when it is no longer live. Returns its maker. */
export function consumePairingCode(sqlite: Database.Database, identity: string, nowIso: string): string | null {
  const row = prepared(sqlite, 'SELECT pairing_key, created_by FROM sync_pairing_codes WHERE identity = ? AND used_at IS NULL AND expires_at > ?').get(identity, nowIso) as
    | CodeRow
    | undefined;
  if (!row) throw badCode();
  prepared(sqlite, 'UPDATE sync_pairing_codes SET used_at = ? WHERE identity = ?').run(nowIso, identity);
  return row.created_by;
}

/** The invitation a code turned into (a newcomer joined with it). */
export function noteCodeInvitation(sqlite: Database.Database, identity: string, invitationId: string): void {
  prepared(sqlite, 'UPDATE sync_pairing_codes SET invitation_id = ? WHERE identity = ?').run(invitationId, identity);
}
