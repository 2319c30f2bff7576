// The telemetry service: readings as `telemetry` timeline events (record, list, import) and the socket token.
export { importReadings, validateRows } from './import';
export { listReadings } from './list';
export { readingsPage } from './page';
export { readingsSeries } from './series';
export { appendTelemetryEvent, assertMeasuredTimes, recordReadings, type ReadingBatch, type StoredReading } from './record';
export { ensureSocketToken, socketInfo, SOCKET_TOKEN_KEY } from './token';
