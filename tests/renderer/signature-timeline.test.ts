// The bitácora words a signature and a change after it (meta change 'signed' / 'signature_invalidated') in both languages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: 'es' | 'en', ns: string) =>
  withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);
const translators = {} as Record<'es' | 'en', TFunction>;

beforeAll(async () => {
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: load(lang, 'common'), tickets: load(lang, 'tickets') } }, ns: ['common', 'tickets'], defaultNS: 'tickets', interpolation: { escapeValue: false }, returnNull: false });
    translators[lang] = instance.t;
  }
});

const event = (metaData: Record<string, unknown>): TimelineEventDto =>
  ({ id: 'e1', ticketId: 't1', eventType: 'ot_updated', content: 'stored Spanish line', metaData, createdAt: '2026-03-05T10:00:00.000Z', author: null }) as unknown as TimelineEventDto;
const base = { workOrderId: 'w1', code: 'OT-2026-000007', from: 'in_progress', to: 'in_progress' };

describe('signature lines in the bitácora', () => {
  it('names who signed and the OT, and says a change asks for a new signature', () => {
    expect(describeEvent(translators.es, event({ ...base, change: 'signed', role: 'customer', signerName: 'Marta Cliente' }), [])).toBe('recogió la firma del cliente (Marta Cliente) en la OT-2026-000007');
    expect(describeEvent(translators.en, event({ ...base, change: 'signed', role: 'technician', signerName: 'Lucía Martín' }), [])).toBe('signed OT-2026-000007 as the technician (Lucía Martín)');
    expect(describeEvent(translators.es, event({ ...base, change: 'signature_invalidated', roles: ['customer'] }), [])).toBe('cambió la OT-2026-000007 después de la firma: hace falta una nueva firma');
    expect(describeEvent(translators.en, event({ ...base, change: 'signature_invalidated', roles: ['customer'] }), [])).toBe('changed OT-2026-000007 after it was signed: it needs a new signature');
  });
});
