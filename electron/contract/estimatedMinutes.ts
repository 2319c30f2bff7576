// How long a visit is planned to take: an OT's estimated minutes and the default per OT type (a company setting).
import { z } from 'zod';
import { WORK_ORDER_TYPES, type WorkOrderType } from '../../shared/enums';

/** A visit lasts at least a minute and at most a day: 0 or a year is a typo, not a plan. */
export const ESTIMATED_MINUTES_MIN = 1;
export const ESTIMATED_MINUTES_MAX = 24 * 60;

export const estimatedMinutes = z
  .number()
  .int('whole minutes')
  .min(ESTIMATED_MINUTES_MIN, `at least ${ESTIMATED_MINUTES_MIN} minute`)
  .max(ESTIMATED_MINUTES_MAX, `at most ${ESTIMATED_MINUTES_MAX} minutes (24 h)`);

export type WorkOrderDefaultMinutes = Record<WorkOrderType, number>;

/** The setting workOrderDefaultMinutes: minutes for every OT type, sent and stored whole. */
export const workOrderDefaultMinutesInput = z.strictObject(
  Object.fromEntries(WORK_ORDER_TYPES.map((type) => [type, estimatedMinutes])) as Record<WorkOrderType, typeof estimatedMinutes>,
);

export const DEFAULT_WORK_ORDER_MINUTES: WorkOrderDefaultMinutes = {
  diagnosis: 60,
  repair: 120,
  install: 180,
  upgrade: 90,
  maintenance: 60,
};
