// The bitácora words a signature and a change after it (meta change 'signed' / 'signature_invalidated') in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '../../electron/contract';
import { describeEvent } from '../../renderer/src/features/tickets/timelineText';
import { translatorsFor, type Translators } from './translators';

let translators: Translators;

beforeAll(async () => {
  translators = await translatorsFor(['tickets']);
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
