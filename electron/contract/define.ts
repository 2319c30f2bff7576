// The building block of the IPC contract: one channel = input schema + output type + access rule.
import type { z } from 'zod';
import type { Permission } from '../../shared/enums';

/**
 * Who may call a channel. `public`: anyone (setup, login). `session`: any signed-in user.
 * A permission, or a list meaning "any of these" (services narrow further, e.g. own work orders).
 */
export type Access = 'public' | 'session' | Permission | readonly Permission[];

export interface ChannelSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  readonly access: Access;
  /** Phantom: carries the output type only; never read at run time. */
  readonly output: Output;
}

/** `channel<Output>()({ input, access })`: the output type is given, the input type is inferred. */
export function channel<Output>() {
  return <Input extends z.ZodType>(spec: { input: Input; access: Access }): ChannelSpec<Input, Output> => ({
    input: spec.input,
    access: spec.access,
    output: undefined as unknown as Output,
  });
}

/** A binary answer (PDF, CSV, zip). IPC clones the bytes; browser mode sends them as the body. */
export interface FilePayload {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}
