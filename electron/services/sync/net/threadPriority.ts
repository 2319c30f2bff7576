// Background work steps back for the copy's own window: on Linux each thread has a nice value of its own (setpriority
// on its thread id), so the hub thread can yield the CPU to the engine beside it without slowing anything else.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of the hub thread: below the engine and the window, above nothing the user waits for. */
export const HUB_THREAD_NICE = 10;

/**
 * Lowers the calling thread's CPU priority where a thread can have its own (Linux); elsewhere, or in the main
 * thread (whose id names the whole process), does nothing. True when it lowered it.
 */
export function lowerThisThreadPriority(nice = HUB_THREAD_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId === process.pid) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    // No /proc (a sandbox) or no permission: the hub runs at the engine's priority, as before.
    return false;
  }
}
