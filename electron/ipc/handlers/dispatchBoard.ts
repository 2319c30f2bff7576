import type { dispatchBoardChannels } from '../../contract/dispatchBoard';
import { dispatchBoard } from '../../services/workOrders';
import type { HandlerMap } from './types';

export const dispatchBoardHandlers: HandlerMap<keyof typeof dispatchBoardChannels> = {
  'workOrders.board': (ctx, input) => dispatchBoard(ctx, input),
};
