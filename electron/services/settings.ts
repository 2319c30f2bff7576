// Company and app settings, one row per key in `settings`, merged over defaults.
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { settingsUpdateInput } from '../contract/catalogs';
import type { SettingsDto } from '../contract';
import type { AppDb } from '../../db/open';
import { settings } from '../../db/schema';
import { inTransaction, nowIso, type ServiceContext } from './context';

export const DEFAULT_SETTINGS: SettingsDto = {
  companyName: '',
  companyAddress: '',
  companyPhone: '',
  companyEmail: '',
  companyLogo: null,
  ticketPrefix: 'TK',
  workOrderPrefix: 'OT',
  sessionTimeoutMinutes: 30,
  language: 'system',
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SettingsDto)[];

export function readSettings(db: AppDb): SettingsDto {
  const rows = db.select().from(settings).where(inArray(settings.key, KEYS)).all();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) merged[row.key] = row.value;
  return merged as unknown as SettingsDto;
}

export function writeSettings(db: AppDb, patch: Partial<SettingsDto>, at: string): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || !KEYS.includes(key as keyof SettingsDto)) continue;
    db.insert(settings)
      .values({ key, value, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
      .run();
  }
}

export function updateSettings(ctx: ServiceContext, patch: z.output<typeof settingsUpdateInput>): SettingsDto {
  return inTransaction(ctx, (tx, emit) => {
    writeSettings(tx, patch, nowIso(ctx));
    emit({ entity: 'settings', id: 'settings', kind: 'updated' });
    return readSettings(tx);
  });
}
