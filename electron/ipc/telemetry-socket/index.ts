// The telemetry WebSocket transport: start it directly (tests) or let the manager follow the setting (shells).
export { manageTelemetrySocket, SOCKET_STATE_EVENT_ID, type TelemetrySocketManager } from './manage';
export { startTelemetrySocket, type TelemetrySocket, type TelemetrySocketOptions } from './server';
