// Accepted socket messages are written together: one transaction every ~100 ms or 500 readings.
import { AppError, type DomainEvent, type ErrorShape } from '../../contract';
import type { TelemetryReading } from '../../contract/telemetry';
import { inTransaction, nowIso, type ServiceContext } from '../../services/context';
import { appendTelemetryEvent } from '../../services/telemetry';

export interface PendingMessage {
  ticketId: string;
  readings: TelemetryReading[];
  done: (result: { ok: true; eventId: string } | { ok: false; error: ErrorShape }) => void;
}

export interface BatcherOptions {
  flushEveryMs: number;
  flushAtReadings: number;
  log: (message: string, error?: unknown) => void;
}

export class TelemetryBatcher {
  private pending: PendingMessage[] = [];
  private pendingReadings = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: BatcherOptions,
  ) {}

  get queuedReadings(): number {
    return this.pendingReadings;
  }

  add(message: PendingMessage): void {
    if (this.closed) {
      message.done({ ok: false, error: { code: 'INTERNAL', message: 'the server is shutting down; resend later', details: { reason: 'closing' } } });
      return;
    }
    this.pending.push(message);
    this.pendingReadings += message.readings.length;
    if (this.pendingReadings >= this.options.flushAtReadings) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.flushEveryMs);
  }

  /**
   * Writes everything queued in ONE transaction, ONE event per ticket: messages that arrived within the same
   * flush window are one batch measured together (and every event re-indexes the ticket's search text, so fewer is cheaper).
   * A missing ticket fails only its own messages.
   */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.pendingReadings = 0;
    if (batch.length === 0) return;
    const byTicket = new Map<string, PendingMessage[]>();
    for (const message of batch) byTicket.set(message.ticketId, [...(byTicket.get(message.ticketId) ?? []), message]);
    const results = new Map<PendingMessage, Parameters<PendingMessage['done']>[0]>();
    try {
      inTransaction(this.ctx, (tx, emit) => {
        const at = nowIso(this.ctx);
        for (const [ticketId, messages] of byTicket) {
          try {
            // loadTicket throws before anything is written, so skipping one ticket leaves the transaction clean.
            const readings = messages.flatMap((m) => m.readings);
            const eventId = appendTelemetryEvent(tx, { ticketId, readings, via: 'socket' }, null, at);
            for (const message of messages) results.set(message, { ok: true, eventId });
            emit({ entity: 'ticket', id: ticketId, kind: 'updated' } satisfies DomainEvent);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            for (const message of messages) results.set(message, { ok: false, error: error.toShape() });
          }
        }
      });
    } catch (error) {
      this.options.log('telemetry socket: writing a batch failed', error);
      const failed = { ok: false as const, error: { code: 'INTERNAL' as const, message: 'the readings were not saved', details: { reason: 'internal' } } };
      batch.forEach((message) => message.done(failed));
      return;
    }
    batch.forEach((message) => message.done(results.get(message) ?? { ok: false, error: { code: 'INTERNAL', message: 'no result' } }));
  }

  /** Writes what is queued now; later messages are refused (the database is about to close). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
