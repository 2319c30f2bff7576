// Company and app settings, one row per key in `settings`, merged over defaults.
import { eq, inArray, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { settingsUpdateInput } from '../contract/catalogs';
import { AppError, staleVersion, type SettingsDto, type SettingsViewDto } from '../contract';
import type { AppDb } from '../../db/open';
import { settings } from '../../db/schema';
import { systemTimeZone } from '../contract/zonedTime';
import { DEFAULT_WORK_ORDER_MINUTES } from '../contract/estimatedMinutes';
import { DEFAULT_SLA_TARGETS } from '../../shared/sla';
import { downscaleLogo } from './companyLogo';
import { inTransaction, nowIso, type ServiceContext } from './context';
import { prepared } from './sql';

export const DEFAULT_SETTINGS: SettingsDto = {
  companyName: '',
  companyAddress: '',
  companyPhone: '',
  companyEmail: '',
  companyTaxId: '',
  companyLogo: null,
  ticketPrefix: 'TK',
  workOrderPrefix: 'OT',
  sessionTimeoutMinutes: 30,
  language: 'system',
  telemetrySocketEnabled: false,
  telemetrySocketPort: 5181,
  timeZone: systemTimeZone(),
  workOrderDefaultMinutes: DEFAULT_WORK_ORDER_MINUTES,
  slaTargets: DEFAULT_SLA_TARGETS,
  checklistTemplates: {},
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SettingsDto)[];

export function readSettings(db: AppDb): SettingsDto {
  const rows = db.select().from(settings).where(inArray(settings.key, KEYS)).all();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  // A stored value the update schema would refuse (hand-edited, older build) falls back to the default:
  // a text session timeout would otherwise make sessions never expire.
  const fields = settingsUpdateInput.shape as Record<string, z.ZodType>;
  for (const row of rows) {
    const parsed = fields[row.key]?.safeParse(row.value);
    if (parsed?.success && parsed.data !== undefined) merged[row.key] = parsed.data;
  }
  return merged as unknown as SettingsDto;
}

/**
 * One setting as readSettings would give it (a stored value the update schema refuses falls back to the default), from its
 * row alone through a statement prepared once: writes that need a prefix and the router's idle check read one key, not
 * the whole set with the logo parsed field by field.
 */
export function readSetting<K extends keyof SettingsDto>(sqlite: Database.Database, key: K): SettingsDto[K] {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  const field = (settingsUpdateInput.shape as Record<string, z.ZodType>)[key];
  if (!row || !field) return DEFAULT_SETTINGS[key];
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return DEFAULT_SETTINGS[key];
  }
  const parsed = field.safeParse(stored);
  return parsed.success && parsed.data !== undefined ? (parsed.data as SettingsDto[K]) : DEFAULT_SETTINGS[key];
}

/** The one setting read on every call (idle expiry): its row only, by the connection drizzle wraps when there is one. */
export function readSessionTimeoutMinutes(db: AppDb): number {
  const client = (db as AppDb & { $client?: Database.Database }).$client;
  if (client) return readSetting(client, 'sessionTimeoutMinutes');
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'sessionTimeoutMinutes')).get();
  const parsed = settingsUpdateInput.shape.sessionTimeoutMinutes.safeParse(row?.value);
  return parsed.success && parsed.data !== undefined ? parsed.data : DEFAULT_SETTINGS.sessionTimeoutMinutes;
}

const IMAGE_SIGNATURES: Record<string, number[]> = { png: [0x89, 0x50, 0x4e, 0x47], jpeg: [0xff, 0xd8, 0xff] };

/** The contract checks the data-URL shape; this checks the bytes really are the PNG or JPEG it claims. */
function assertLogoIsImage(logo: string | null | undefined): void {
  if (!logo) return;
  const match = /^data:image\/(png|jpeg);base64,(.*)$/.exec(logo);
  const bytes = match ? Buffer.from(match[2] as string, 'base64') : Buffer.alloc(0);
  const signature = IMAGE_SIGNATURES[match?.[1] ?? ''] ?? [];
  if (bytes.length < 8 || !signature.every((b, i) => bytes[i] === b)) {
    throw new AppError('VALIDATION', 'the logo is not a PNG or JPEG image', { reason: 'invalid_logo', field: 'companyLogo' });
  }
}

export function writeSettings(db: AppDb, patch: Partial<SettingsDto>, at: string): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || !KEYS.includes(key as keyof SettingsDto)) continue;
    // null means "none" (only the logo may be null): drop the row rather than store SQL NULL in a NOT NULL column.
    if (value === null) {
      db.delete(settings).where(eq(settings.key, key)).run();
      continue;
    }
    db.insert(settings)
      .values({ key, value, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at, version: sql`${settings.version} + 1` } })
      .run();
  }
}

/** The settings with the row version of each stored one, for a form to send back. */
export function readSettingsView(db: AppDb): SettingsViewDto {
  return { ...readSettings(db), versions: settingVersions(db) };
}

function settingVersions(db: AppDb): Record<string, number> {
  const rows = db.select({ key: settings.key, version: settings.version }).from(settings).where(inArray(settings.key, KEYS)).all();
  return Object.fromEntries(rows.map((row) => [row.key, row.version]));
}

/** Every setting being changed must still have the version the caller read (0: not stored), else CONFLICT. */
function assertVersions(db: AppDb, patch: Record<string, unknown>, expected: Record<string, number>): void {
  const current = settingVersions(db);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || !KEYS.includes(key as keyof SettingsDto)) continue;
    const had = expected[key] ?? 0;
    const now = current[key] ?? 0;
    if (had !== now) throw staleVersion(`setting ${key}`, had, now);
  }
}

/**
 * The settings a form sends that differ from what is in force: a form sends every field, and storing the unchanged
 * ones would make each of them a change of this copy (an op for the team, a value "set" the team never chose).
 */
function changedOnly(db: AppDb, patch: Partial<SettingsDto>): Partial<SettingsDto> {
  const current = readSettings(db) as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(current[key])));
}

export function updateSettings(ctx: ServiceContext, input: z.output<typeof settingsUpdateInput>): SettingsViewDto {
  const { versions, ...sent } = input;
  assertLogoIsImage(sent.companyLogo);
  return inTransaction(ctx, (tx, emit) => {
    const patch = changedOnly(tx, sent);
    assertVersions(tx, patch, versions);
    writeSettings(tx, patch, nowIso(ctx));
    emit({ entity: 'settings', id: 'settings', kind: 'updated' });
    return readSettingsView(tx);
  });
}

/** settings.update with a new logo first downscaled to what reports print (./companyLogo; sharp is async, so before the transaction). */
export async function updateSettingsDownscalingLogo(ctx: ServiceContext, input: z.output<typeof settingsUpdateInput>): Promise<SettingsViewDto> {
  if (!input.companyLogo) return updateSettings(ctx, input);
  assertLogoIsImage(input.companyLogo);
  return updateSettings(ctx, { ...input, companyLogo: await downscaleLogo(input.companyLogo) });
}
