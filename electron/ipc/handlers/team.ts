import type { teamChannels } from '../../contract/team';
import type { HandlerMap } from './types';

export const teamHandlers: HandlerMap<keyof typeof teamChannels> = {};
