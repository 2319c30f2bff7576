// A part's quantity in the bitácora and the ticket PDF is written in the language's numbers: ×1,5 kg in Spanish,
// ×1.5 kg in English (the newcomer's trial saw "×1.5 kg" on a Spanish screen).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
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
