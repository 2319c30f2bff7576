// Server-sent events: every domain event as `event: domain`, a comment heartbeat so proxies and idle timers keep the stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainEvent } from '../../contract';
import type { MaybePromise } from '../engine/host';

export const HEARTBEAT_MS = 15_000;

export interface DomainEventSource {
  onEvent(listener: (event: DomainEvent) => void): () => void;
}

export function formatDomainEvent(event: DomainEvent): string {
  return `event: domain\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Streams until the client goes away or `allowed()` turns false (the session ended: signed out, expired); returns a
 * function that ends the stream from our side (shutdown). Checked before every write, so a signed-out observer gets nothing.
 * `allowed` may answer later (the engine in a worker): writes then wait in one chain, so events keep their order.
 */
export function streamDomainEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: DomainEventSource,
  heartbeatMs = HEARTBEAT_MS,
  allowed: () => MaybePromise<boolean> = () => true,
): () => void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  let open = true;
  let pending: Promise<void> | null = null;
  const decide = (text: string) => (ok: boolean) => {
    if (!open) return;
    if (ok) res.write(text);
    else stop();
  };
  // Writes `text` if the session still allows it, else ends the stream; in order even when the answers come later.
  const writeIfAllowed = (text: string) => {
    if (pending) {
      pending = pending.then(async () => decide(text)(await allowed())).catch(() => stop());
      return;
    }
    const answer = allowed();
    if (answer instanceof Promise) pending = answer.then(decide(text), () => stop());
    else decide(text)(answer);
  };
  const unsubscribe = events.onEvent((event) => writeIfAllowed(formatDomainEvent(event)));
  // Written after subscribing: a client that has read this line will not miss a later event.
  res.write('retry: 3000\n: connected\n\n');
  const heartbeat = setInterval(() => writeIfAllowed(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
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
