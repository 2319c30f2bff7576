import type { checklistChannels } from '../../contract/checklists';
import { answerChecklist, checklistOf } from '../../services/workOrders';
import type { HandlerMap } from './types';

export const checklistHandlers: HandlerMap<keyof typeof checklistChannels> = {
  'workOrders.checklist': (ctx, input) => checklistOf(ctx.db, input.id),
  'workOrders.answerChecklist': (ctx, input) => answerChecklist(ctx, input),
};
