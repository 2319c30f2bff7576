// CSV for Excel users: UTF-8 with BOM, RFC 4180 quoting via csv-stringify, and no formula injection.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** A cell Excel or Sheets would run as a formula (OWASP "CSV injection") starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A formula start right after a delimiter: a reader splitting on ';' (Spanish Excel) or ',' would see a new cell there. */
const FORMULA_AFTER_DELIMITER = /([,;])(?=[=+\-@\t\r])/g;

/** Cells quoted beyond csv-stringify's own rule (',', '"' and its record delimiter, here '\r\n'): ';' for readers
 *  that split on it, and a lone '\n' or '\r', which csv-stringify leaves bare once the record delimiter is CRLF. */
const ALSO_QUOTED = /[;\r\n]/;

/** Prefixes a single quote to every part of the cell a spreadsheet could evaluate. Numbers are ours and safe. */
export function neutralizeCell(value: CsvCell): CsvCell {
  if (typeof value !== 'string') return value;
  const parts = value.replace(FORMULA_AFTER_DELIMITER, "$1'");
  return FORMULA_START.test(parts) ? `'${parts}` : parts;
}

export function toCsvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Uint8Array {
  const records = [header, ...rows].map((row) => row.map(neutralizeCell));
  // CRLF line ends (RFC 4180); ';' and any line break inside a cell are quoted too, so no spreadsheet splits the cell.
  const text = stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: ALSO_QUOTED });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
