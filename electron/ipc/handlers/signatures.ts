import type { signatureChannels } from '../../contract/signatures';
import { latestSignatures, signWorkOrder } from '../../services/workOrders/signatures';
import type { HandlerMap } from './types';

export const signatureHandlers: HandlerMap<keyof typeof signatureChannels> = {
  'workOrders.sign': (ctx, input) => signWorkOrder(ctx, input),
  'workOrders.signatures': (ctx, input) => latestSignatures(ctx.db, input.id),
};
