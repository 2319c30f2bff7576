// CSV for Excel users: UTF-8 with BOM, RFC 4180 quoting via csv-stringify, and no formula injection.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** How a file is written: a Spanish Excel splits on ';' and reads '1,5' as a number. */
export interface CsvDialect {
  delimiter: ',' | ';';
  decimalComma: boolean;
}
export const STANDARD_CSV: CsvDialect = { delimiter: ',', decimalComma: false };
export const SPANISH_EXCEL_CSV: CsvDialect = { delimiter: ';', decimalComma: true };

/** A cell Excel or Sheets would run as a formula (OWASP "CSV injection") starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A formula start right after a delimiter: a reader splitting on ';' (Spanish Excel) or ',' would see a new cell there. */
const FORMULA_AFTER_DELIMITER = /([,;])(?=[=+\-@\t\r])/g;

/** Cells quoted beyond csv-stringify's own rule (its delimiter, '"' and its record delimiter, here '\r\n'): both
 *  delimiters, for readers that split on the other one, and a lone '\n' or '\r', which csv-stringify leaves bare
 *  once the record delimiter is CRLF. */
const ALSO_QUOTED = /[,;\r\n]/;

/** Prefixes a single quote to every part of the cell a spreadsheet could evaluate. Numbers are ours and safe. */
export function neutralizeCell(value: CsvCell): CsvCell {
  if (typeof value !== 'string') return value;
  const parts = value.replace(FORMULA_AFTER_DELIMITER, "$1'");
  return FORMULA_START.test(parts) ? `'${parts}` : parts;
}

export function toCsvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[], dialect: CsvDialect = STANDARD_CSV): Uint8Array {
  const records = [header, ...rows].map((row) => row.map(neutralizeCell));
  // CRLF line ends (RFC 4180); both delimiters and any line break inside a cell are quoted, so no spreadsheet splits the cell.
  const text = stringify(records, {
    bom: true,
    delimiter: dialect.delimiter,
    record_delimiter: 'windows',
    quoted_match: ALSO_QUOTED,
    // A number is ours and never needs quotes; quoted, a Spanish Excel would read '1,5' as text.
    cast: { number: (n) => ({ value: dialect.decimalComma ? String(n).replace('.', ',') : String(n), quoted: false, quoted_match: null }) },
  });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
