// The invitation file (.eminvite): what a new member needs to join — the team and its key, who invited it,
// its slot, and a directory of the team's rows with unique names so the same person, role, category or
// product on the joining copy becomes the team's one. It carries the team key: hand it over like a password.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError, allows, normalizePermissions, type PermissionHolder } from '../../contract';
import { TEAM_ADMIN_ACCESS } from '../../contract/team';
import { isDeviceId } from './hlc';
import { isEd25519PublicKey, isTeamKey } from './teamKeys';
import { REPLICATED_SETTING_KEYS } from './entities';

export const INVITATION_FORMAT = 'emerald-team-invitation';
export const INVITATION_VERSION = 1;
export const INVITATION_EXTENSION = '.eminvite';
export const INVITATION_MIME = 'application/json';

const text = (max: number) => z.string().min(1).max(max);

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
const rowId = text(64);

const invitationSchema = z.strictObject({
  format: z.literal(INVITATION_FORMAT),
  version: z.literal(INVITATION_VERSION),
  /** The inviter's database schema: a copy older than this must be updated before it joins. */
  schemaVersion: z.number().int().min(1),
  team: z.strictObject({ id: rowId, name: text(200), key: z.string().refine(isTeamKey, 'not a 32-byte base64 key') }),
  inviter: z.strictObject({
    deviceId: z.string().refine(isDeviceId, 'not a device id'),
    name: z.string().max(200),
    publicKey: z.string().max(2000).refine(isEd25519PublicKey, 'not an Ed25519 public key'),
    userId: rowId.nullable(),
  }),
  invitation: z.strictObject({
    id: rowId,
    slot: z.number().int().min(1).max(99),
    memberName: z.string().max(200).nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  }),
  directory: z.strictObject({
    /**
     * `admin`: may make team changes (full access, TEAM_ADMIN_ACCESS, the team channels' and team ops' rule), so a
     * joining admin merged into this user can author its membership.
     */
    users: z.array(z.strictObject({ id: rowId, email: text(320), username: text(200), admin: z.boolean() })),
    roles: z.array(z.strictObject({ id: rowId, name: text(200) })),
    categories: z.array(z.strictObject({ id: rowId, name: text(200) })),
    products: z.array(z.strictObject({ id: rowId, sku: text(200) })),
    /** The team's replicated settings, each value as its stored JSON text. */
    settings: z.array(z.strictObject({ key: z.enum(REPLICATED_SETTING_KEYS), value: z.string().refine(isJson, 'not JSON') })),
  }),
});

export type Invitation = z.infer<typeof invitationSchema>;
export type TeamDirectory = Invitation['directory'];

/** Reads an invitation file's text; anything else (another format, a truncated or edited file) is refused. */
export function parseInvitation(fileText: string): Invitation {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    throw invalidInvitation('it is not JSON');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== INVITATION_FORMAT) {
    throw invalidInvitation('it is not an Emerald team invitation');
  }
  if ((json as { version?: unknown }).version !== INVITATION_VERSION) throw invalidInvitation('it was made by a different version of Emerald');
  const parsed = invitationSchema.safeParse(json);
  if (!parsed.success) throw invalidInvitation(`${parsed.error.issues[0]?.path.join('.') ?? 'it'} is not valid`);
  return parsed.data;
}

function invalidInvitation(why: string): AppError {
  return new AppError('VALIDATION', `this file is not a valid team invitation: ${why}`, { reason: 'invalid_invitation', field: 'invite' });
}

/** A directory user's `admin` flag: full access, the rule of the team channels and of team ops on every copy. */
export const isTeamAdmin = (holder: PermissionHolder): boolean => allows(holder, TEAM_ADMIN_ACCESS);

interface DirectoryUserRow {
  id: string;
  email: string;
  username: string;
  is_superuser: number;
  permissions: string | null;
}

/** The team's rows with a unique natural key, as this copy has them. */
export function readDirectory(sqlite: Database.Database): TeamDirectory {
  const users = sqlite
    .prepare('SELECT u.id, u.email, u.username, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.id')
    .all() as DirectoryUserRow[];
  const settings = sqlite
    .prepare(`SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?)) ORDER BY key`)
    .all(JSON.stringify(REPLICATED_SETTING_KEYS)) as TeamDirectory['settings'];
  return {
    users: users.map((row) => ({
      id: row.id,
      email: row.email,
      username: row.username,
      admin: isTeamAdmin({ isSuperuser: row.is_superuser === 1, permissions: normalizePermissions(row.permissions === null ? [] : JSON.parse(row.permissions)) }),
    })),
    roles: sqlite.prepare('SELECT id, name FROM roles ORDER BY id').all() as TeamDirectory['roles'],
    categories: sqlite.prepare('SELECT id, name FROM ticket_categories ORDER BY id').all() as TeamDirectory['categories'],
    products: sqlite.prepare('SELECT id, sku FROM products ORDER BY id').all() as TeamDirectory['products'],
    settings,
  };
}

/** A name as a piece of a file name safe on every file system and in an e-mail: "Portátil de Tomás" → "portatil-de-tomas". */
export function fileNameSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
}

/** The words of the team's file names, in the language of the screen that asked for the file. */
export const FILE_NAME_WORDS = {
  es: { changes: 'cambios', for: 'para', snapshot: 'instantanea', invitation: 'invitacion', member: 'miembro' },
  en: { changes: 'changes', for: 'for', snapshot: 'snapshot', invitation: 'invitation', member: 'member' },
} as const;

/** A file name a person recognises: `invitacion-maria-03.eminvite` (`invitation-maria-03.eminvite` in English). */
export function invitationFileName(memberName: string | null, slot: number, language: keyof typeof FILE_NAME_WORDS = 'es'): string {
  const words = FILE_NAME_WORDS[language];
  return `${words.invitation}-${fileNameSlug(memberName ?? '') || words.member}-${String(slot).padStart(2, '0')}${INVITATION_EXTENSION}`;
}
