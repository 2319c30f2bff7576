// Small helpers for the foundation tests: reading error envelopes and walking returned values.
import { expect } from 'vitest';
import type { ErrorShape } from '../../electron/contract';
import type { Caller } from '../support/backend';

/** Calls a channel expecting failure and returns the whole error shape. */
export async function errorOf(caller: Caller, channel: string, input: unknown): Promise<ErrorShape> {
  const envelope = await caller.envelope(channel, input);
  if (envelope.ok) throw new Error(`${channel} unexpectedly succeeded with ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

export async function expectError(caller: Caller, channel: string, input: unknown, code: string, reason?: string): Promise<ErrorShape> {
  const error = await errorOf(caller, channel, input);
  expect(error.code, `${channel}: ${error.message}`).toBe(code);
  if (reason !== undefined) expect(error.details?.reason).toBe(reason);
  return error;
}

export const MINUTE = 60_000;

/** Every key and every string anywhere inside a value (objects, arrays, nested). */
export function walk(value: unknown, visit: (key: string | null, leaf: unknown) => void, key: string | null = null): void {
  visit(key, value);
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit, null));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
}
