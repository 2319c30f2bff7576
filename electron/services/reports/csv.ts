// CSV for Excel users: UTF-8 with BOM, RFC 4180 quoting via csv-stringify, and no formula injection.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** A cell Excel or Sheets would run as a formula (OWASP "CSV injection") starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a single quote so spreadsheets show the text instead of evaluating it. Numbers are ours and safe. */
export function neutralizeCell(value: CsvCell): CsvCell {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Uint8Array {
  const records = [header, ...rows].map((row) => row.map(neutralizeCell));
  // CRLF line ends (RFC 4180); a bare \r inside a cell is quoted too, so no spreadsheet splits the row.
  const text = stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: /\r/ });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
