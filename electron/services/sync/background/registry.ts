// Which network runtime this process runs for a database, so the channels reach its scheduler and hub.
import { perDatabase } from '../../perDatabase';
import type { NetRuntime } from './runtime';

const running = perDatabase<NetRuntime>();

export const registerNetRuntime = running.set;
export const runningNetRuntime = running.get;
