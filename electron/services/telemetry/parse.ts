// Turning an import file into candidate rows with their line numbers; file-level problems are VALIDATION errors.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Options } from 'csv-parse';
import { AppError } from '../../contract';

/** A row before validation: raw fields, or a reason it is already known to be bad. */
export interface RawRow {
  line: number;
  fields?: Record<string, unknown>;
  reason?: string;
}

const REQUIRED_COLUMNS = ['metric', 'value', 'unit', 'measured_at'] as const;
const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, 'source']);
/** Header spellings mapped to the canonical column. */
const COLUMN_ALIASES: Readonly<Record<string, string>> = { measuredat: 'measured_at', 'measured at': 'measured_at' };

const fileError = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('VALIDATION', message, { reason, field: 'content', ...extra });

/** `;` when the header has more semicolons than commas (Spanish spreadsheets); `,` otherwise. */
export function detectDelimiter(content: string): ',' | ';' {
  const header = content.slice(0, content.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * A number as people type it: "229.8", "-3", "1e3", or with a decimal comma "229,8" (one comma, no dot).
 * Thousands separators are refused: "1.234,5" is ambiguous.
 */
export function parseDecimal(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'value_missing';
  const normalized = /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalized)) {
    return /^[+-]?(inf(inity)?|nan)$/i.test(trimmed) ? 'value_not_finite' : 'value_not_a_number';
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : 'value_not_finite';
}

type CsvRecord = { record: string[]; info: { lines: number } };

/** Characters fed to the parser per turn of the event loop: a 5 MB file never freezes the main process. */
const CHUNK_CHARS = 64 * 1024;

/** csv-parse's stream API fed in slices, yielding between them; never splits a surrogate pair. */
async function parseCsv(content: string, options: Options): Promise<CsvRecord[]> {
  const parser = parse(options);
  const records: CsvRecord[] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    let record: CsvRecord | null;
    while ((record = parser.read() as CsvRecord | null) !== null) records.push(record);
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failure = error;
      resolve();
    });
  });
  for (let start = 0; start < content.length && failure === null; ) {
    let end = Math.min(content.length, start + CHUNK_CHARS);
    const last = content.charCodeAt(end - 1);
    if (end < content.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    parser.write(content.slice(start, end));
    start = end;
    await nextTurn();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) throw failure;
  return records;
}

export async function csvRows(content: string): Promise<RawRow[]> {
  let records: CsvRecord[];
  try {
    records = await parseCsv(content, {
      delimiter: detectDelimiter(content),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fileError('csv_malformed', `the CSV cannot be read: ${(error as Error).message}`, line ? { line } : {});
  }
  const [header, ...body] = records;
  if (!header) throw fileError('import_empty', 'the file has no rows');
  const columns = header.record.map((name) => {
    const key = name.trim().toLowerCase();
    return COLUMN_ALIASES[key] ?? key;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw fileError('csv_header_invalid', `the CSV header must name metric,value,unit,source,measured_at; missing: ${missing.join(', ')}`, { missing });
  }
  return body.map(({ record, info }) => {
    if (record.length !== columns.length) return { line: info.lines, reason: 'wrong_column_count' };
    const cells = Object.fromEntries(columns.map((name, i) => [name, record[i] ?? '']).filter(([name]) => KNOWN_COLUMNS.has(name as string)));
    const value = parseDecimal(String(cells.value));
    if (typeof value === 'string') return { line: info.lines, reason: value };
    const fields: Record<string, unknown> = { metric: cells.metric, value, unit: cells.unit, measuredAt: cells.measured_at };
    if (cells.source) fields.source = cells.source;
    return { line: info.lines, fields };
  });
}

/** A JSON array of readings, or `{readings: [...]}`; `line` is the 1-based position in the array. */
export function jsonRows(content: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw fileError('json_malformed', `the JSON cannot be read: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { readings?: unknown } | null)?.readings;
  if (!Array.isArray(list)) throw fileError('json_not_a_list', 'the JSON must be an array of readings or {"readings": [...]}');
  return list.map((item: unknown, index) => {
    const line = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { line, reason: 'not_an_object' };
    const { measured_at: snake, ...rest } = item as Record<string, unknown>;
    return { line, fields: snake !== undefined && rest.measuredAt === undefined ? { ...rest, measuredAt: snake } : rest };
  });
}
