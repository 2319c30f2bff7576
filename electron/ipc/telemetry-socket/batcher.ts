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

  /** Writes everything queued in ONE transaction; a missing ticket fails only its own message. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.pendingReadings = 0;
    if (batch.length === 0) return;
    const results: Parameters<PendingMessage['done']>[0][] = [];
    try {
      inTransaction(this.ctx, (tx, emit) => {
        const at = nowIso(this.ctx);
        const touched = new Set<string>();
        for (const message of batch) {
          try {
            // loadTicket throws before anything is written, so skipping one message leaves the transaction clean.
            const eventId = appendTelemetryEvent(tx, { ticketId: message.ticketId, readings: message.readings, via: 'socket' }, null, at);
            touched.add(message.ticketId);
            results.push({ ok: true, eventId });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            results.push({ ok: false, error: error.toShape() });
          }
        }
        for (const id of touched) emit({ entity: 'ticket', id, kind: 'updated' } satisfies DomainEvent);
      });
    } catch (error) {
      this.options.log('telemetry socket: writing a batch failed', error);
      const failed = { ok: false as const, error: { code: 'INTERNAL' as const, message: 'the readings were not saved', details: { reason: 'internal' } } };
      batch.forEach((message) => message.done(failed));
      return;
    }
    batch.forEach((message, i) => message.done(results[i] ?? { ok: false, error: { code: 'INTERNAL', message: 'no result' } }));
  }

  /** Writes what is queued now; later messages are refused (the database is about to close). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
