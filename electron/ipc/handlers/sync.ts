import type { syncChannels } from '../../contract/sync';
import type { HandlerMap } from './types';

export const syncHandlers: HandlerMap<keyof typeof syncChannels> = {};
