// Issue 18.2: a CSV read with ';' (a Spanish Excel) or ',' must never see a bare formula: every cell holding a
// delimiter, quote or line break is quoted, and a formula start after a delimiter inside a cell is neutralised too.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toCsvBytes } from '../../electron/services/reports/csv';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');

/** Reads like a spreadsheet with the given delimiter: quoted parts kept whole, text after a closing quote appended. */
function spreadsheetCells(body: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === delimiter || c === '\n') {
      cells.push(cell);
      cell = '';
    } else if (c !== '\r') {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}

/** Splits like a naive reader that ignores quotes: what a cell could become if quoting were lost. */
const naiveCells = (line: string, delimiter: string) => line.split(delimiter);
const FORMULA = /^[=+\-@\t\r]/;

describe('CSV cells with delimiters', () => {
  const attack = "x;=cmd|' /C calc'!A0;y";
  const attackComma = 'x,=cmd|" /C calc"!A0,y';

  it('quotes every cell holding a semicolon, comma, quote or line break', () => {
    const body = text(toCsvBytes(['a', 'b'], [[attack, 'plain'], [attackComma, 'dijo "hola"'], ['línea1\nlínea2', 'r\rx']]));
    const lines = body.split('\r\n');
    expect(lines[1]?.startsWith('"')).toBe(true);
    expect(lines[2]?.startsWith('"')).toBe(true);
    expect(body).toContain('"línea1\nlínea2"');
  });

  it('neutralises a formula start in every part of a cell, for both delimiters', () => {
    expect(neutralizeCell(attack)).toBe("x;'=cmd|' /C calc'!A0;y");
    expect(neutralizeCell(attackComma)).toBe('x,\'=cmd|" /C calc"!A0,y');
    expect(neutralizeCell('a;+1;b,@SUM(A1)')).toBe("a;'+1;b,'@SUM(A1)");
    for (const harmless of ['Presión: -0,2 bar', 'a=b;c', 'Ñandú, S.L.', 'x-y']) expect(neutralizeCell(harmless)).toBe(harmless);
  });

  for (const delimiter of [';', ',']) {
    it(`read with '${delimiter}' as the delimiter, no cell starts a formula`, () => {
      const rows = [[attack, 'ok'], [attackComma, '=1+1'], ['-2;+3', '@x,=y']];
      const body = text(toCsvBytes(['a', 'b'], rows));
      // A reader honouring quotes with this delimiter.
      for (const cell of spreadsheetCells(body, delimiter)) expect(cell, JSON.stringify(cell)).not.toMatch(FORMULA);
      // And one that splits the raw lines: even then no piece is a live formula.
      for (const line of body.split('\r\n')) {
        for (const cell of naiveCells(line, delimiter)) expect(cell.replace(/^"/, ''), JSON.stringify(cell)).not.toMatch(FORMULA);
      }
    });
  }

  it('still round-trips with the standard comma reader', () => {
    const rows = [[attack, 'Presión: -0,2 bar']];
    expect(parse(text(toCsvBytes(['a', 'b'], rows)))).toEqual([['a', 'b'], ["x;'=cmd|' /C calc'!A0;y", 'Presión: -0,2 bar']]);
  });
});
