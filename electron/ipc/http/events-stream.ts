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

/** Streams until the client goes away; returns a function that ends the stream from our side (shutdown). */
export function streamDomainEvents(req: IncomingMessage, res: ServerResponse, events: DomainEventSource, heartbeatMs = HEARTBEAT_MS): () => void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  const unsubscribe = events.on((event) => {
    res.write(formatDomainEvent(event));
  });
  // Written after subscribing: a client that has read this line will not miss a later event.
  res.write('retry: 3000\n: connected\n\n');
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  let open = true;
  const cleanUp = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', cleanUp);
  res.on('close', cleanUp);
  return () => {
    cleanUp();
    res.end();
  };
}
