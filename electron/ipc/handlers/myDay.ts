import type { myDayChannels } from '../../contract/myDay';
import { myDay } from '../../services/workOrders';
import type { HandlerMap } from './types';

export const myDayHandlers: HandlerMap<keyof typeof myDayChannels> = {
  'workOrders.myDay': (ctx) => myDay(ctx),
};
