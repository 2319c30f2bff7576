import type { telemetryChannels } from '../../contract/telemetry';
import { importReadings, listReadings, readingsPage, readingsSeries, recordReadings, socketInfo } from '../../services/telemetry';
import type { HandlerMap } from './types';

export const telemetryHandlers: HandlerMap<keyof typeof telemetryChannels> = {
  'telemetry.record': (ctx, input) => recordReadings(ctx, input),
  'telemetry.list': (ctx, input) => listReadings(ctx, input),
  'telemetry.series': (ctx, input) => readingsSeries(ctx, input),
  'telemetry.readings': (ctx, input) => readingsPage(ctx, input),
  'telemetry.import': (ctx, input) => importReadings(ctx, input),
  'telemetry.socketInfo': (ctx, _input, call) => socketInfo(ctx, call.running.telemetrySocket?.stats() ?? null),
};
