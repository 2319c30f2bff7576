// The slow-call log (Signal Desktop's habit): every dispatch slower than the threshold is logged with its channel.
import type { CallContext, DispatchResult } from '../router';

export const SLOW_CALL_MS = 40;

type Dispatch = (call: CallContext, channel: unknown, input: unknown) => Promise<DispatchResult>;

export interface SlowCallOptions {
  /** Milliseconds from any fixed origin (performance.now in the engine; a fake in tests). */
  now: () => number;
  thresholdMs?: number;
  log: (message: string) => void;
}

export function withSlowCallLog(dispatch: Dispatch, options: SlowCallOptions): Dispatch {
  const threshold = options.thresholdMs ?? SLOW_CALL_MS;
  return async (call, channel, input) => {
    const started = options.now();
    try {
      return await dispatch(call, channel, input);
    } finally {
      const ms = options.now() - started;
      // Only a real channel name is logged, cut short: the name comes from the caller.
      if (ms > threshold) options.log(`slow call ${typeof channel === 'string' ? channel.slice(0, 100) : typeof channel} ${Math.round(ms)} ms`);
    }
  };
}
