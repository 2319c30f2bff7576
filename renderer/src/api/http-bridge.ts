// Browser mode: the same EmeraldBridge over the loopback server (POST /api/<channel>, SSE at /api/events).
import type { DomainEvent, EmeraldBridge, Envelope, FilePayload } from '../../../electron/contract';
import { requestFor } from './request-init';

function fileNameFrom(disposition: string | null): string {
  const match = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  return match?.[1] ? decodeURIComponent(match[1]) : 'download';
}

/**
 * The page never holds the launch token: the server turned the launch URL into an HttpOnly cookie (and took the token
 * out of the address), and the browser sends that cookie with every call, so a new tab or a bookmark works too.
 */
export function createHttpBridge(): EmeraldBridge {
  const listeners = new Set<(event: DomainEvent) => void>();
  let source: EventSource | null = null;

  const connect = () => {
    source = new EventSource('api/events');
    source.addEventListener('domain', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as DomainEvent;
      for (const listener of listeners) listener(event);
    });
  };

  // The server streams only to a signed-in session and closes the stream when it ends (EventSource then stops
  // retrying): once a call succeeds again, e.g. the next sign-in, the stream is opened anew.
  const reopenClosedStream = () => {
    if (listeners.size > 0 && source?.readyState === EventSource.CLOSED) {
      source.close();
      connect();
    }
  };

  return {
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`api/${channel}`, requestFor(channel, input));
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'the Emerald server is not reachable', details: { reason: 'offline' } } };
      }
      const type = response.headers.get('content-type') ?? '';
      // A file is sent as an attachment whatever its type (an .eminvite is JSON inside); the envelope never is.
      const disposition = response.headers.get('content-disposition');
      if (type.includes('application/json') && !disposition?.startsWith('attachment')) {
        const envelope = (await response.json()) as Envelope<unknown>;
        if (envelope.ok) reopenClosedStream();
        return envelope;
      }
      const file: FilePayload = {
        fileName: fileNameFrom(disposition),
        mimeType: type.split(';')[0] ?? 'application/octet-stream',
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
      return { ok: true, value: file };
    },
    on(_event, listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
