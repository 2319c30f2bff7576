// The setting slaTargets: first-response and resolution minutes for every priority, sent and stored whole.
import { z } from 'zod';
import { TICKET_PRIORITIES, type TicketPriority } from '../../shared/enums';
import { SLA_TARGET_MAX_MINUTES, SLA_TARGET_MIN_MINUTES, slaTargetsProblem, type SlaTargets } from '../../shared/sla';

const targetMinutes = z
  .number()
  .int('whole minutes')
  .min(SLA_TARGET_MIN_MINUTES, `at least ${SLA_TARGET_MIN_MINUTES} minute`)
  .max(SLA_TARGET_MAX_MINUTES, `at most ${SLA_TARGET_MAX_MINUTES} minutes (90 days)`);

const target = z.strictObject({ responseMinutes: targetMinutes, resolutionMinutes: targetMinutes });

export const slaTargetsInput = z
  .strictObject(Object.fromEntries(TICKET_PRIORITIES.map((priority) => [priority, target])) as Record<TicketPriority, typeof target>)
  .superRefine((targets, ctx) => {
    const problem = slaTargetsProblem(targets as SlaTargets);
    if (problem?.reason === 'sla_response_after_resolution') {
      ctx.addIssue({
        code: 'custom',
        path: [problem.priority, problem.field],
        message: 'the first response target must not be longer than the resolution target',
        params: { reason: problem.reason },
      });
    }
  });
