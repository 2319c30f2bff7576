import type { ChannelName, OutputOf, ParsedInputOf } from '../../contract';
import type { ServiceContext } from '../../services/context';

/** What a handler may do to the caller's session; only auth and user admin need it. */
export interface HandlerCall {
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
