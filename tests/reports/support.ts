// Report test helpers: read PDFs back with poppler (pdftotext/pdfinfo), list zips, and build real OTs through the router.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkOrderDetail } from '../../electron/contract';
import type { WorkOrderType } from '../../shared/enums';
import type { Caller, TestApp } from '../support/backend';
import { versionOf } from '../support/versions';

function withTempFile<T>(bytes: Uint8Array, extension: string, read: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-report-test-'));
  try {
    const file = path.join(dir, `doc.${extension}`);
    writeFileSync(file, bytes);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of a PDF (or of one page) in reading order with whitespace collapsed, so wrapped lines
 * still match; `layout` keeps the physical layout instead (table rows stay on one line).
 */
export function pdfText(bytes: Uint8Array, options: { page?: number; layout?: boolean } = {}): string {
  return withTempFile(bytes, 'pdf', (file) => {
    const range = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)];
    const text = execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
    return options.layout ? text : text.replace(/\s+/g, ' ');
  });
}

export function pdfPageCount(bytes: Uint8Array): number {
  return withTempFile(bytes, 'pdf', (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const match = /^Pages:\s+(\d+)/m.exec(info);
    if (!match?.[1]) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(match[1]);
  });
}

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Entry names of a zip file, read by Python's zipfile (yauzl is not a dependency). */
export function zipEntries(zipFile: string): string[] {
  const script = 'import sys, zipfile, json; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist()))';
  return JSON.parse(execFileSync('python3', ['-c', script, zipFile], { encoding: 'utf8' })) as string[];
}

/** Extracts every entry of a zip into `dir` (one process for the whole archive). */
export function unzipAll(zipFile: string, dir: string): void {
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zipFile, dir]);
}

export interface SeedOptions {
  customerId: string | null;
  technicianId: string;
  scheduledDate: string;
  serials: readonly string[];
  productId?: string;
  notes?: string;
  title?: string;
  otType?: WorkOrderType;
  /** The OT's own planned minutes; absent: its type's usual length. */
  estimatedMinutes?: number;
  /** A duration typed at completion instead of the measured 25 minutes, with its reason. */
  typedDuration?: { seconds: number; reason: string };
}

/** A completed OT with parts, made the way a user would: create ticket → request → schedule → start → add parts → complete. */
export async function completedWorkOrder(app: TestApp, admin: Caller, options: SeedOptions): Promise<WorkOrderDetail> {
  const ticket = await admin.call('tickets.create', {
    title: options.title ?? 'Caldera sin presión en la planta baja',
    description: 'Descripción: pierde presión cada mañana',
    ...(options.customerId ? { customerId: options.customerId } : {}),
  });
  let wo = await admin.call('workOrders.requestVisit', {
    ticketId: ticket.id,
    otType: options.otType ?? 'repair',
    ...(options.estimatedMinutes === undefined ? {} : { estimatedMinutes: options.estimatedMinutes }),
  });
  wo = await admin.call('workOrders.schedule', { id: wo.id, scheduledDate: options.scheduledDate, technicianId: options.technicianId, version: wo.version, recordsPastVisit: true, confirmOverlap: true });
  wo = await admin.call('workOrders.start', { id: wo.id, version: wo.version });
  for (const serialNumber of options.serials) {
    wo = await admin.call('workOrders.addItem', { id: wo.id, version: await versionOf(admin, 'workOrder', wo.id), serialNumber, ...(options.productId ? { productId: options.productId } : { description: 'Pieza sin catálogo' }) });
  }
  app.clock.advance(25 * 60_000); // under the 30-minute idle timeout
  const typed = options.typedDuration ? { totalDuration: options.typedDuration.seconds, durationReason: options.typedDuration.reason } : {};
  return admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: options.notes ?? 'Revisado el equipo', ...typed });
}
