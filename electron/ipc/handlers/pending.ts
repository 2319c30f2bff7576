// Channels whose services land in later issues answer NOT_IMPLEMENTED until then.
import { AppError, type ChannelName } from '../../contract';
import type { HandlerMap } from './types';

const notYet = (channel: ChannelName) => () => {
  throw new AppError('NOT_IMPLEMENTED', `${channel} is not available in this version yet`, { reason: 'not_implemented' });
};

function pending<K extends ChannelName>(names: readonly K[]): HandlerMap<K> {
  return Object.fromEntries(names.map((n) => [n, notYet(n)])) as unknown as HandlerMap<K>;
}

type PendingChannel = never;

export const pendingHandlers = pending<PendingChannel>([]);
