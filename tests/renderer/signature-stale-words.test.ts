// A change to a signed report is said with one wording per place, and the README quotes the screen: the OT's notice,
// the bitácora line on screen, and the ticket PDF (in its language: the English report printed the stored Spanish line).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { describeTimelineEvent } from '../../electron/services/reports/timelineText';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const words = (lang: 'es' | 'en', ns: string) => JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const timeline = (lang: 'es' | 'en') => words(lang, 'tickets').timeline as Record<string, string>;
const readme = readFileSync(path.resolve('README.md'), 'utf8').replace(/\s+/g, ' ');

const event = (metaData: Record<string, unknown>, content: string): TimelineEventDto =>
  ({ id: 'e1', ticketId: 't1', eventType: 'ot_updated', content, metaData: { workOrderId: 'w1', code: 'OT-2026-000007', from: 'in_progress', to: 'in_progress', ...metaData }, createdAt: '2026-03-05T10:00:00.000Z', author: null }) as unknown as TimelineEventDto;
const invalidated = event({ change: 'signature_invalidated', roles: ['customer'] }, 'El informe cambió después de la firma: hace falta una nueva firma');
const signed = event({ change: 'signed', role: 'customer', signerName: 'Marta Cliente' }, 'OT-2026-000007: firma del cliente (Marta Cliente)');

describe('a change after the signature, in words', () => {
  it('the OT notice and the bitácora ask for the same thing: a new signature', () => {
    expect(words('es', 'signatures').stale).toBe('El informe cambió después de esta firma: hace falta una nueva firma.');
    expect(words('en', 'signatures').stale).toBe('The report changed after this signature: it needs a new signature.');
    expect(timeline('es').ot_signature_invalidated).toBe('cambió la {{code}} después de la firma: hace falta una nueva firma');
  });

  it('the README quotes what the screen says, on the OT and in the bitácora', () => {
    expect(readme).toContain(`*${words('es', 'signatures').stale as string}*`);
    expect(readme).toContain(`*María … ${(timeline('es').ot_signature_invalidated ?? '').replace('{{code}}', 'OT-…')}*`);
  });

  it('the ticket PDF words a signature and a change after it in the report language', () => {
    expect(describeTimelineEvent(invalidated, labelsFor('es')).body).toBe('OT-2026-000007: cambió después de la firma: hace falta una nueva firma');
    expect(describeTimelineEvent(invalidated, labelsFor('en')).body).toBe('OT-2026-000007: changed after it was signed: it needs a new signature');
    expect(describeTimelineEvent(signed, labelsFor('es')).body).toBe('OT-2026-000007: firma del cliente (Marta Cliente)');
    expect(describeTimelineEvent(signed, labelsFor('en')).body).toBe('OT-2026-000007: signed by the customer (Marta Cliente)');
    expect(describeTimelineEvent(event({ change: 'signed', role: 'technician', signerName: 'Lucía Martín' }, ''), labelsFor('en')).body).toBe('OT-2026-000007: signed by the technician (Lucía Martín)');
  });
});
