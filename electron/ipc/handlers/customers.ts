import type { customerChannels } from '../../contract/customers';
import { customerHistory } from '../../services/customers';
import type { HandlerMap } from './types';

export const customerHandlers: HandlerMap<keyof typeof customerChannels> = {
  'customers.history': (ctx, input) => customerHistory(ctx, input),
};
