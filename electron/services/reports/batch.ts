// Batch export of a period's OT reports: one PDF per OT into a zip (or a folder), with progress and cancel.
// Writes under a temporary name and renames at the end, so a cancel or a failure never leaves a partial file.
import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { AppError, type WorkOrderDto } from '../../contract';
import { DEFAULT_BATCH_DATE_FIELD } from '../../contract/reports';
import type { ServiceContext } from '../context';
import { readSettings } from '../settings';
import { listWorkOrders } from '../workOrders';
import { safeFileName } from './documents';
import { resolveLanguage, type ReportLanguage } from './labels';
import { workOrderPdfJob } from './pdfJobs';
import { exportTechnicianScope } from './scope';

export type BatchDateField = 'scheduled_date' | 'completed_at' | 'created_at';

export interface BatchProgress {
  done: number;
  total: number;
}

export interface BatchExportOptions {
  ctx: ServiceContext;
  /** ISO instants; the period is [from, to) on `dateField` (DEFAULT_BATCH_DATE_FIELD when omitted). */
  from: string;
  to: string;
  dateField?: BatchDateField;
  /** The zip file to create, or the folder to fill when `format` is 'folder'. */
  out: string;
  format?: 'zip' | 'folder';
  language?: ReportLanguage;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

export interface BatchExportResult {
  out: string;
  count: number;
}

const PAGE_SIZE = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function cancelledError(): AppError {
  return new AppError('CONFLICT', 'the export was cancelled', { reason: 'export_cancelled' });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** Every OT of the period the actor may export (a Técnico: their own), in the order of the period's date (the list's own for a period). */
async function workOrdersOfPeriod(options: BatchExportOptions): Promise<WorkOrderDto[]> {
  const all: WorkOrderDto[] = [];
  const technicianId = exportTechnicianScope(options.ctx);
  let cursor: string | undefined;
  do {
    throwIfAborted(options.signal);
    const page = listWorkOrders(options.ctx, {
      from: options.from,
      to: options.to,
      dateField: options.dateField ?? DEFAULT_BATCH_DATE_FIELD,
      ...(technicianId ? { technicianId } : {}),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor) await yieldToEventLoop();
  } while (cursor);
  return all;
}

/** Where the PDFs go; `commit` moves the finished output into place, `discard` removes every trace. */
interface Sink {
  add(fileName: string, bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

async function zipSink(out: string): Promise<Sink> {
  await mkdir(path.dirname(out), { recursive: true });
  const temp = `${out}.${randomUUID()}.partial`;
  const zip = new ZipFile();
  const file = createWriteStream(temp);
  zip.outputStream.pipe(file);
  const written = finished(file);
  written.catch(() => undefined); // Observed in commit(); a discard must not surface it as unhandled.
  return {
    async add(fileName, bytes) {
      zip.addBuffer(Buffer.from(bytes), fileName, { compress: true });
    },
    async commit() {
      zip.end();
      await written;
      await rename(temp, out);
    },
    async discard() {
      zip.outputStream.unpipe(file);
      file.destroy();
      await rm(temp, { force: true });
    },
  };
}

async function folderSink(out: string): Promise<Sink> {
  await mkdir(out, { recursive: true });
  const temp = await mkdtemp(path.join(out, '.emerald-export-'));
  const names: string[] = [];
  return {
    async add(fileName, bytes) {
      await writeFile(path.join(temp, fileName), bytes);
      names.push(fileName);
    },
    async commit() {
      for (const name of names) await rename(path.join(temp, name), path.join(out, name));
      await rm(temp, { recursive: true, force: true });
    },
    async discard() {
      await rm(temp, { recursive: true, force: true });
    },
  };
}

/**
 * Has the period's OT reports made one by one (by the job worker when the context has one, else in-process), yielding
 * to the event loop between OTs so other calls keep flowing. Throws CONFLICT `export_cancelled` when `signal` aborts.
 */
export async function exportWorkOrderBatch(options: BatchExportOptions): Promise<BatchExportResult> {
  const { ctx, signal } = options;
  const settings = readSettings(ctx.db);
  const language = resolveLanguage(options.language, settings.language);
  const orders = await workOrdersOfPeriod(options);
  const total = orders.length;
  options.onProgress?.({ done: 0, total });
  const sink = options.format === 'folder' ? await folderSink(options.out) : await zipSink(options.out);
  try {
    const used = new Set<string>();
    for (const [index, summary] of orders.entries()) {
      throwIfAborted(signal);
      // The same PDF as the single one (checklist, photos and signatures included), made by the job worker.
      const file = await workOrderPdfJob(ctx, summary.id, language, signal).catch((error: unknown) => {
        throw signal?.aborted ? cancelledError() : error;
      });
      let name = file.fileName;
      if (used.has(name)) name = safeFileName(`${summary.code}-${summary.id}`, 'pdf');
      used.add(name);
      await sink.add(name, file.bytes);
      options.onProgress?.({ done: index + 1, total });
      await yieldToEventLoop();
    }
    throwIfAborted(signal);
    await sink.commit();
  } catch (error) {
    await sink.discard();
    throw error;
  }
  return { out: options.out, count: total };
}
