// A fresh open asks for what its first screen shows as the page starts (app/startCalls.ts), before React, the
// translations and the screen's code have run; whoever would ask the same thing later takes that answer instead of
// asking again. Each early answer is taken once, only soon after start, and all are forgotten when the session turns
// out not to be signed in (a sign-in must never reuse an answer that was refused for want of a session).
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';
import { api } from './client';

/** Past this, an early answer nobody took is stale: the next caller asks again. */
export const EARLY_CALL_REUSE_MS = 10_000;

const early = new Map<string, { at: number; answer: Promise<unknown> }>();
const keyOf = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input)}`;

/** Sends the call now and keeps its answer for the first `takeEarlyOrCall` with the same channel and input. */
export function startEarlyCall<C extends ChannelName>(channel: C, input: InputOf<C>): void {
  const answer = api.call(channel, input);
  // Taken later or never: an early failure nobody takes is not an unhandled rejection.
  answer.catch(() => undefined);
  early.set(keyOf(channel, input), { at: Date.now(), answer });
}

/** The early answer to this very call when one was sent at start and not taken yet, else the call made now. */
export function takeEarlyOrCall<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const key = keyOf(channel, input);
  const kept = early.get(key);
  early.delete(key);
  if (kept && Date.now() - kept.at < EARLY_CALL_REUSE_MS) return kept.answer as Promise<OutputOf<C>>;
  return api.call(channel, input);
}

/** Not signed in, or signed out: nothing asked at start is reused. */
export function forgetEarlyCalls(): void {
  early.clear();
}
