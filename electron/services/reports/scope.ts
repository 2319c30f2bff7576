// Whose OTs a period export holds. A Técnico (may carry out OTs, may not plan them) exports only the OTs assigned to
// them, as the agenda and Atrasadas show them theirs; the newcomer's trial got every technician's reports in a batch.
// Note: workOrders.list itself does not narrow a technician (the OT list screen shows every OT to all who may read OTs).
import { actorCan, type ServiceContext } from '../context';

/** The technician whose OTs `ctx`'s actor may export, or null for everyone's (planners, admins, the CLI with no user). */
export function exportTechnicianScope(ctx: ServiceContext): string | null {
  if (!ctx.actor) return null;
  return actorCan(ctx, 'workorders:execute') && !actorCan(ctx, 'workorders:write') ? ctx.actor.id : null;
}
