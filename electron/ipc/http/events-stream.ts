// Server-sent events: every domain event as `event: domain`, a comment heartbeat so proxies and idle timers keep the stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainEvent } from '../../contract';

export const HEARTBEAT_MS = 15_000;

export interface DomainEventSource {
  on(listener: (event: DomainEvent) => void): () => void;
}

export function formatDomainEvent(event: DomainEvent): string {
  return `event: domain\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Streams until the client goes away or `allowed()` turns false (the session ended: signed out, expired); returns a
 * function that ends the stream from our side (shutdown). Checked before every write, so a signed-out observer gets nothing.
 */
export function streamDomainEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: DomainEventSource,
  heartbeatMs = HEARTBEAT_MS,
  allowed: () => boolean = () => true,
): () => void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  const unsubscribe = events.on((event) => {
    if (allowed()) res.write(formatDomainEvent(event));
    else stop();
  });
  // Written after subscribing: a client that has read this line will not miss a later event.
  res.write('retry: 3000\n: connected\n\n');
  const heartbeat = setInterval(() => (allowed() ? res.write(': heartbeat\n\n') : stop()), heartbeatMs);
  heartbeat.unref();
  let open = true;
  const cleanUp = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
  };
  function stop() {
    cleanUp();
    res.end();
  }
  req.on('close', cleanUp);
  res.on('close', cleanUp);
  return stop;
}
