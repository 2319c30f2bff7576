// A part's quantity in the bitácora and the ticket PDF is written in the language's numbers: ×1,5 kg in Spanish,
// ×1.5 kg in English (the newcomer's trial saw "×1.5 kg" on a Spanish screen).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: 'es' | 'en', ns: string) =>
  withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);
const translators = {} as Record<'es' | 'en', TFunction>;

beforeAll(async () => {
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: load(lang, 'common'), tickets: load(lang, 'tickets') } }, ns: ['common', 'tickets'], defaultNS: 'tickets', interpolation: { escapeValue: false } });
    translators[lang] = instance.t;
  }
});

const part = (change: 'item_added' | 'item_removed', direction: 'installed' | 'removed'): TimelineEventDto =>
  ({
    id: 'e1',
    ticketId: 't1',
    eventType: 'ot_updated',
    content: 'OT-2026-000293: material añadido: Refrigerante genérico x1,5 kg',
    metaData: { workOrderId: 'w1', code: 'OT-2026-000293', from: 'in_progress', to: 'in_progress', change, item: { productName: 'Refrigerante genérico', serialNumber: null, quantity: 1.5, unit: 'kg', direction } },
    createdAt: '2026-03-05T10:00:00.000Z',
    author: null,
  }) as unknown as TimelineEventDto;
const events = [part('item_added', 'installed'), part('item_added', 'removed'), part('item_removed', 'installed')];

describe('a part quantity with decimals in the bitácora', () => {
  it('on screen: a decimal comma in Spanish, a decimal point in English, for every way a part is worded', () => {
    for (const line of events.map((e) => describeEvent(translators.es, e, []))) expect(line).toContain('Refrigerante genérico ×1,5 kg');
    for (const line of events.map((e) => describeEvent(translators.en, e, []))) expect(line).toContain('Refrigerante genérico ×1.5 kg');
  });

  it('in the ticket PDF: the same in the report language', () => {
    for (const e of events) {
      expect(describeTimelineEvent(e, labelsFor('es')).body).toContain('Refrigerante genérico ×1,5 kg');
      expect(describeTimelineEvent(e, labelsFor('en')).body).toContain('Refrigerante genérico ×1.5 kg');
    }
  });
});
