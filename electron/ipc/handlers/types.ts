import type { ChannelName, OutputOf, ParsedInputOf } from '../../contract';
import type { ServiceContext } from '../../services/context';
import type { RunningServices } from '../backend';

/** What a handler may do to the caller's session (only auth and user admin need it), and what the backend runs. */
export interface HandlerCall {
  readonly running: RunningServices;
  readonly sessionToken: string | null;
  startSession(userId: string): void;
  endSession(): void;
  endSessionsOf(userId: string): void;
}

export type Handler<C extends ChannelName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<C>,
  call: HandlerCall,
) => OutputOf<C> | Promise<OutputOf<C>>;

export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };
