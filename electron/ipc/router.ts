// The transport-agnostic router: look up → session → permission → validate → service → envelope.
import type { z } from 'zod';
import { AppError, channels, isChannelName, type Envelope, type ErrorShape } from '../contract';
import { allows } from '../contract/access';
import type { ServiceContext } from '../services/context';
import { loadActor } from '../services/users/actor';
import { handlers } from './handlers';
import type { HandlerCall } from './handlers/types';
import type { RunningServices } from './backend';
import type { SessionStore } from './sessions';

export interface RouterDeps {
  /** A context with no actor; the router fills in who is calling. */
  base: Omit<ServiceContext, 'actor'>;
  sessions: SessionStore;
  running: RunningServices;
  log?: (message: string, error?: unknown) => void;
}

/** What the transport sent along: the session it holds for this caller (cookie or window). */
export interface CallContext {
  sessionToken: string | null;
}

/** `session`: undefined = unchanged, a string = the new token to keep, null = forget the token. */
export interface DispatchResult {
  envelope: Envelope<unknown>;
  session?: string | null;
}

const fail = (error: ErrorShape): DispatchResult => ({ envelope: { ok: false, error } });

function validationError(error: z.ZodError): ErrorShape {
  const issues = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
    // A schema's own reason (blank_text, date_after_2100…) travels with its issue.
    ...(issue.code === 'custom' && typeof issue.params?.reason === 'string' ? { reason: issue.params.reason } : {}),
  }));
  const first = issues[0];
  return {
    code: 'VALIDATION',
    message: first ? `invalid input${first.path ? ` at ${first.path}` : ''}: ${first.message}` : 'invalid input',
    details: { reason: 'invalid_input', ...(first?.path ? { field: first.path.split('.')[0] } : {}), issues },
  };
}

/** drizzle's DrizzleQueryError puts the bound values (a new password hash, say) in its message; log the SQL and cause only. */
export function withoutQueryParams(error: unknown): unknown {
  if (!(error instanceof Error) || !('query' in error) || !('params' in error)) return error;
  const safe = new Error(`Failed query: ${String(error.query)}`, { cause: error.cause });
  safe.name = error.name;
  return safe;
}

export async function dispatch(deps: RouterDeps, call: CallContext, channelName: unknown, rawInput: unknown): Promise<DispatchResult> {
  // Object.hasOwn, never a bare lookup: '__proto__' or 'constructor' must not reach a handler.
  if (!isChannelName(channelName) || !Object.hasOwn(handlers, channelName)) {
    return fail({
      code: 'NOT_FOUND',
      message: `unknown channel ${typeof channelName === 'string' ? channelName.slice(0, 100) : typeof channelName}`,
      details: { reason: 'unknown_channel' },
    });
  }
  const spec = channels[channelName];
  let sessionChange: string | null | undefined;
  let token = call.sessionToken;
  const lookup = deps.sessions.touch(token);
  const actor = lookup.status === 'active' ? loadActor(deps.base.sqlite, lookup.userId) : null;
  if (spec.access !== 'public') {
    if (!actor) {
      if (lookup.status === 'active') deps.sessions.end(token);
      const expired = lookup.status === 'expired' || lookup.status === 'active';
      return {
        ...fail({
          code: 'UNAUTHENTICATED',
          message: expired ? 'your session has ended; sign in again' : 'sign in first',
          details: { reason: expired ? 'session_expired' : 'no_session' },
        }),
        ...(token ? { session: null } : {}),
      };
    }
    if (!allows(actor, spec.access)) {
      return fail({
        code: 'FORBIDDEN',
        message: `you lack the permission for ${channelName}`,
        details: { reason: 'forbidden', required: spec.access },
      });
    }
  }
  // Validated after the access check: a caller without the permission learns nothing about the input shape.
  const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) return fail(validationError(parsed.error));

  const handlerCall: HandlerCall = {
    running: deps.running,
    get sessionToken() {
      return token;
    },
    startSession(userId) {
      deps.sessions.end(token);
      token = deps.sessions.create(userId);
      sessionChange = token;
    },
    endSession() {
      deps.sessions.end(token);
      token = null;
      sessionChange = null;
    },
    endSessionsOf(userId) {
      deps.sessions.endAllFor(userId);
    },
  };

  try {
    const handler = handlers[channelName] as (ctx: ServiceContext, input: unknown, call: HandlerCall) => unknown;
    const value = await handler({ ...deps.base, actor }, parsed.data, handlerCall);
    return { envelope: { ok: true, value: value ?? null }, ...(sessionChange !== undefined ? { session: sessionChange } : {}) };
  } catch (error) {
    if (error instanceof AppError) return { ...fail(error.toShape()), ...(sessionChange !== undefined ? { session: sessionChange } : {}) };
    deps.log?.(`channel ${channelName} failed`, withoutQueryParams(error));
    return fail({ code: 'INTERNAL', message: 'something went wrong; the change was not saved', details: { reason: 'internal' } });
  }
}
