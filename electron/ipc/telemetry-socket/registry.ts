// Which socket this process runs for a database, so telemetry.socketInfo can show its counters.
import { perDatabase } from '../../services/perDatabase';
import type { TelemetrySocket } from './server';

const running = perDatabase<TelemetrySocket>();

export const registerTelemetrySocket = running.set;
export const runningTelemetrySocket = running.get;
