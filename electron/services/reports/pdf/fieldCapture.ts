// What the OT report prints from field capture (issue 15): the fault, checklist answers, photos and signatures.
// Rows are read synchronously inside the report's read transaction; the images are then prepared with sharp
// (libvips threads, the event loop only awaits) so the synchronous pdfkit part only places small, ready images.
import type Database from 'better-sqlite3';
import { loadSharp } from '../../heavyModules';
import { SIGNATURE_ROLES, type WorkOrderType } from '../../../../shared/enums';
import type { ChecklistTemplates } from '../../../contract/checklists';
import type { SignatureDto } from '../../../contract/signatures';
import { readDerived } from '../../attachments';
import { prepared } from '../../sql';

export type ChecklistKind = 'check' | 'number' | 'text';

export interface ChecklistLine {
  key: string;
  label: string;
  kind: ChecklistKind;
  unit: string | null;
  /** The stored JSON value: true/false for a check, a number, a string; null when not answered. */
  value: unknown;
  note: string | null;
}

export interface ReportPhoto {
  id: string;
  fileName: string;
  /** A JPEG sized for a thumbnail cell; null when the bytes are missing or unreadable. */
  image: Buffer | null;
  /** The row came by team sync before its bytes did. */
  missing: boolean;
}

export interface ReportSignature {
  id: string;
  role: 'customer' | 'technician';
  signerName: string;
  signerIdNumber: string | null;
  signedAt: string;
  /** An opaque PNG on white; null when the stored image cannot be read. */
  image: Buffer | null;
  /** Signed before the report last changed (its content hash is not the current one). */
  stale: boolean;
}

export interface FieldCapture {
  /** The ticket's description: the fault as the customer reported it. */
  faultDescription: string;
  checklist: ChecklistLine[];
  photos: ReportPhoto[];
  /** The latest signature of each role, in the screen's order (SIGNATURE_ROLES: customer first). */
  signatures: ReportSignature[];
}

/** Rows as read, before any image work. */
export interface FieldCaptureRows {
  faultDescription: string;
  checklist: ChecklistLine[];
  photos: { id: string; fileName: string; sha256: string }[];
  signatures: (Omit<ReportSignature, 'image'> & { imageBase64: string })[];
}

/** Thumbnails print about 245 × 180 pt: 720 px on the long side is ~200 dpi there. */
const PHOTO_MAX_SIDE = 720;
const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/gif', 'image/tiff'];

function parseJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Answers in the order of the OT type's template, then any answered item the template no longer has. */
function orderChecklist(lines: ChecklistLine[], templates: ChecklistTemplates | undefined, otType: WorkOrderType): ChecklistLine[] {
  const order = new Map((templates?.[otType] ?? []).map((item, index) => [item.key, index]));
  const rank = (line: ChecklistLine) => order.get(line.key) ?? Number.MAX_SAFE_INTEGER;
  return [...lines].sort((a, b) => rank(a) - rank(b)); // stable: the rest keep the order they were answered in
}

export interface CaptureQuery {
  workOrderId: string;
  ticketId: string;
  otType: WorkOrderType;
  templates?: ChecklistTemplates;
  /** The latest signature of each role (workOrders' latestSignatures: `valid` when it still covers the report). */
  signatures: readonly SignatureDto[];
}

/** Reads the OT's field-capture rows; call inside the same read transaction as the rest of the report. */
export function readFieldCaptureRows(sqlite: Database.Database, query: CaptureQuery): FieldCaptureRows {
  const ticket = prepared(sqlite, 'SELECT description FROM tickets WHERE id = ?').get(query.ticketId) as { description: string | null } | undefined;
  const answers = prepared(
    sqlite,
    'SELECT item_key, label, kind, unit, value, note FROM work_order_checklist_answers WHERE work_order_id = ? ORDER BY created_at, rowid',
  ).all(query.workOrderId) as { item_key: string; label: string; kind: ChecklistKind; unit: string | null; value: string | null; note: string | null }[];
  const checklist = orderChecklist(
    answers.map((a) => ({ key: a.item_key, label: a.label, kind: a.kind, unit: a.unit || null, value: parseJson(a.value), note: a.note?.trim() || null })),
    query.templates,
    query.otType,
  );
  const photos = (
    prepared(sqlite, 'SELECT id, file_name, sha256, mime FROM attachments WHERE work_order_id = ? ORDER BY created_at, id').all(query.workOrderId) as {
      id: string;
      file_name: string;
      sha256: string;
      mime: string;
    }[]
  )
    .filter((row) => IMAGE_MIMES.includes(row.mime.toLowerCase()))
    .map((row) => ({ id: row.id, fileName: row.file_name, sha256: row.sha256 }));
  const signatures = SIGNATURE_ROLES.flatMap((role) => {
    const signature = query.signatures.find((s) => s.role === role);
    if (!signature) return [];
    const { id, signerName, signedAt, imageDataUrl, valid } = signature;
    return [{ id, role, signerName, signerIdNumber: signature.signerIdNumber?.trim() || null, signedAt, imageBase64: imageDataUrl, stale: !valid }];
  });
  return { faultDescription: ticket?.description?.trim() ?? '', checklist, photos, signatures };
}

const preparedPhotos = new Map<string, Buffer>();
const PHOTO_CACHE_ENTRIES = 48;

/**
 * A JPEG of at most PHOTO_MAX_SIDE px, upright, on white, from the store's display copy (made again from the original
 * when missing); cached by content hash (the bytes never change). 'missing': the original is not here yet.
 */
async function photoForPage(dataDir: string, sha256: string): Promise<Buffer | 'missing' | null> {
  const cached = preparedPhotos.get(sha256);
  if (cached) return cached;
  try {
    const source = await readDerived(dataDir, sha256, 'display');
    if (!source) return 'missing';
    const jpeg = await (await loadSharp())(source, { limitInputPixels: 40_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    if (preparedPhotos.size >= PHOTO_CACHE_ENTRIES) preparedPhotos.delete(preparedPhotos.keys().next().value as string);
    preparedPhotos.set(sha256, jpeg);
    return jpeg;
  } catch {
    return null; // a damaged file prints as a note, never costs the report
  }
}

/** The signature PNG flattened onto white without alpha: pdfkit then embeds its data as is instead of re-encoding. */
async function signatureForPage(imageBase64: string): Promise<Buffer | null> {
  const base64 = imageBase64.replace(/^data:image\/png;base64,/, '');
  try {
    return await (await loadSharp())(Buffer.from(base64, 'base64'), { limitInputPixels: 4_000_000 }).flatten({ background: '#ffffff' }).png().toBuffer();
  } catch {
    return null;
  }
}

/** Prepares every image at once on sharp's threads; the event loop stays free meanwhile. */
export async function prepareFieldCapture(rows: FieldCaptureRows, dataDir: string | undefined): Promise<FieldCapture> {
  const [photos, signatures] = await Promise.all([
    Promise.all(
      rows.photos.map(async (photo) => {
        const prepared = dataDir ? await photoForPage(dataDir, photo.sha256) : 'missing';
        return { id: photo.id, fileName: photo.fileName, image: prepared === 'missing' ? null : prepared, missing: prepared === 'missing' };
      }),
    ),
    Promise.all(rows.signatures.map(async ({ imageBase64, ...signature }) => ({ ...signature, image: await signatureForPage(imageBase64) }))),
  ]);
  return { faultDescription: rows.faultDescription, checklist: rows.checklist, photos, signatures };
}

/** Forgets the prepared photos (benchmarks measure a cold start). */
export function clearPreparedPhotos(): void {
  preparedPhotos.clear();
}
