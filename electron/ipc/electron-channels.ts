// The two Electron IPC channel names, shared by the preload and the main-process dispatcher. Pure: no imports.

/** renderer → main: `invoke(INVOKE_CHANNEL, contractChannel, input)`, answered with the envelope. */
export const INVOKE_CHANNEL = 'emerald:invoke';
/** main → renderer: every committed domain event. */
export const EVENT_CHANNEL = 'emerald:event';
