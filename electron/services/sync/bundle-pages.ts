// What a bundle frame may hold, checked by hand: a frame of 2000 ops is checked twice per import (verify, apply),
// and a schema library in its CSP-safe (jitless) mode costs more than applying the ops.
import type { OpRecord } from './capture';

/** Ops (or snapshot rows) per frame. */
export const FRAME_PAGE_SIZE = 2000;

export type SnapshotPage =
  | { type: 'tombstones'; rows: [entity: string, rowId: string, rowHlc: string, fields: string, deletedHlc: string][] }
  | { type: 'rows'; table: string; columns: string[]; rows: unknown[][]; clocks: ([rowHlc: string, fields: string] | null)[] }
  | { type: 'fieldEdits' | 'conflicts'; columns: string[]; rows: unknown[][] }
  | { type: 'heldOps'; ops: (OpRecord & { status: string })[] };
/** A slice of an attachment's original bytes (issue 15): the rows travel as ops, the bytes the receiver needs as these. */
export type FilePage = { type: 'file'; sha256: string; part: number; parts: number; data: string };
export type FramePage = { type: 'ops'; ops: OpRecord[] } | SnapshotPage | FilePage;

/** Raw bytes per file page (base64 in the frame): a 25 MB photo is 7 pages. */
export const FILE_PART_BYTES = 4 * 1024 * 1024;
const MAX_FILE_PARTS = 16;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
const DEVICE_ID = /^[0-9a-f]{16}$/;
const KINDS = new Set(['insert', 'update', 'delete']);

function isOp(value: unknown): value is OpRecord {
  if (!isObject(value)) return false;
  const { deviceId, seq, hlc, entity, rowId, kind, fields, base, authorId, schemaVersion } = value;
  return (
    typeof deviceId === 'string' &&
    DEVICE_ID.test(deviceId) &&
    isCount(seq) &&
    isText(hlc, 100) &&
    isText(entity, 100) &&
    isText(rowId, 200) &&
    rowId.length > 0 &&
    typeof kind === 'string' &&
    KINDS.has(kind) &&
    isObject(fields) &&
    (base === null || (isObject(base) && Object.values(base).every((clock) => typeof clock === 'string'))) &&
    (authorId === null || isText(authorId, 100)) &&
    isCount(schemaVersion)
  );
}

const isList = (value: unknown): value is unknown[] => Array.isArray(value) && value.length <= FRAME_PAGE_SIZE;
const isTable = (value: Record<string, unknown>): boolean =>
  Array.isArray(value.columns) && value.columns.every((column) => isText(column, 100)) && isList(value.rows) && value.rows.every(Array.isArray);
const isTextTuple = (value: unknown, length: number): boolean => Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'string');

/** The page when it has one of the known shapes; null for anything else (refused as malformed). */
export function asFramePage(value: unknown): FramePage | null {
  if (!isObject(value)) return null;
  switch (value.type) {
    case 'ops':
      return isList(value.ops) && value.ops.every(isOp) ? (value as FramePage) : null;
    case 'heldOps':
      return isList(value.ops) && value.ops.every((op) => isOp(op) && isText((op as { status?: unknown }).status, 20)) ? (value as FramePage) : null;
    case 'tombstones':
      return isList(value.rows) && value.rows.every((row) => isTextTuple(row, 5)) ? (value as FramePage) : null;
    case 'rows':
      return isText(value.table, 100) &&
        isTable(value) &&
        Array.isArray(value.clocks) &&
        value.clocks.length === (value.rows as unknown[]).length &&
        value.clocks.every((clock) => clock === null || isTextTuple(clock, 2))
        ? (value as FramePage)
        : null;
    case 'fieldEdits':
    case 'conflicts':
      return isTable(value) ? (value as FramePage) : null;
    case 'file':
      return typeof value.sha256 === 'string' &&
        SHA256_HEX.test(value.sha256) &&
        Number.isSafeInteger(value.part) &&
        Number.isSafeInteger(value.parts) &&
        (value.part as number) >= 0 &&
        (value.part as number) < (value.parts as number) &&
        (value.parts as number) <= MAX_FILE_PARTS &&
        isText(value.data, Math.ceil(FILE_PART_BYTES / 3) * 4)
        ? (value as FramePage)
        : null;
    default:
      return null;
  }
}

/** How many items a page carries (ops for ops pages, rows for the others): the header and trailer counts. */
export function pageSize(page: FramePage): { ops: number; rows: number } {
  if (page.type === 'ops' || page.type === 'heldOps') return { ops: page.ops.length, rows: 0 };
  if (page.type === 'file') return { ops: 0, rows: 0 };
  return { ops: 0, rows: page.rows.length };
}
