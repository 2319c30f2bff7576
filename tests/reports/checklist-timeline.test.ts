// A checklist answer in a report's bitácora is worded from its meta_data in the report's language (the stored line
// is Spanish only): "OT-…: lista: Presión comprobada = 2,5 bar" / "OT-…: checklist: … = 2.5 bar".
import { describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';

const event = (checklist: Record<string, unknown>): TimelineEventDto =>
  ({
    id: 'e1',
    ticketId: 't1',
    eventType: 'ot_updated',
    content: 'OT-2026-000007: Lista: Presión comprobada = 2,5 bar',
    metaData: { workOrderId: 'w1', code: 'OT-2026-000007', from: 'in_progress', to: 'in_progress', change: 'checklist', checklist },
    createdAt: '2026-03-05T10:00:00.000Z',
    author: null,
  }) as unknown as TimelineEventDto;

describe('checklist answers in a report timeline', () => {
  it('words the item and value in Spanish and English', () => {
    const pressure = event({ key: 'p', label: 'Presión comprobada', kind: 'number', unit: 'bar', value: 2.5 });
    expect(describeTimelineEvent(pressure, labelsFor('es')).body).toBe('OT-2026-000007: lista: Presión comprobada = 2,5 bar');
    expect(describeTimelineEvent(pressure, labelsFor('en')).body).toBe('OT-2026-000007: checklist: Presión comprobada = 2.5 bar');
    expect(describeTimelineEvent(event({ label: 'Sin fugas', kind: 'check', value: true }), labelsFor('en')).body).toBe('OT-2026-000007: checklist: Sin fugas = Yes');
    expect(describeTimelineEvent(event({ label: 'Sin fugas', kind: 'check', value: false }), labelsFor('es')).body).toBe('OT-2026-000007: lista: Sin fugas = No');
    expect(describeTimelineEvent(event({ label: 'Observaciones', kind: 'text', value: 'Todo bien' }), labelsFor('es')).body).toBe('OT-2026-000007: lista: Observaciones = «Todo bien»');
    expect(describeTimelineEvent(event({ label: 'Notes', kind: 'text', value: 'All good' }), labelsFor('en')).body).toMatch(/: Notes = “All good”$/);
    expect(describeTimelineEvent(event({ label: 'Observaciones', kind: 'text', value: null }), labelsFor('en')).body).toBe('OT-2026-000007: checklist: Observaciones = no answer');
  });
});
