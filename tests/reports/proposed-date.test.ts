import { describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { createFormatter } from '../../electron/services/reports/format';
import { labelsFor } from '../../electron/services/reports/labels';
import { workOrderFields } from '../../electron/services/reports/pdf/workOrderReport';

const visit = (status: WorkOrderDetail['status']) =>
  ({ otType: 'repair', status, technician: null, totalDuration: null, scheduledDate: '2026-12-07T09:00:00.000Z', startedAt: null, completedAt: null }) as unknown as WorkOrderDetail;
const dateLabel = (status: WorkOrderDetail['status'], language: 'es' | 'en') =>
  workOrderFields(visit(status), labelsFor(language), createFormatter(language, 'Europe/Madrid')).find(([, value]) => value.includes('7'))?.[0];

describe("an OT's date in the reports", () => {
  it('is a proposal while the OT waits to be planned, a booking once scheduled', () => {
    expect(dateLabel('pending_planning', 'es')).toBe('Propuesta');
    expect(dateLabel('pending_planning', 'en')).toBe('Proposed');
    expect(dateLabel('scheduled', 'es')).toBe('Programada');
  });
});
