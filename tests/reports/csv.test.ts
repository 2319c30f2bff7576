// CSV exports: BOM, quoting round trip with csv-parse, formula neutralising, filters and paging through the router.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePayload } from '../../electron/contract';
import { neutralizeCell, SPANISH_EXCEL_CSV, toCsvBytes } from '../../electron/services/reports/csv';
import { startTestApp, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { completedWorkOrder } from './support';

/** Spanish exports are for a Spanish Excel (';'); English and 'standard' ones use ','. */
function parseCsv(file: FilePayload | Uint8Array, delimiter: ',' | ';' = ','): string[][] {
  const bytes = file instanceof Uint8Array ? file : file.bytes;
  return parse(Buffer.from(bytes).toString('utf8'), { bom: true, delimiter, relax_column_count: false }) as string[][];
}

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** A parsed CSV's rows as records by header, so a test names the column it reads (undefined: no such column). */
function byHeader([header = [], ...rows]: string[][]): Record<string, string | undefined>[] {
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('CSV encoding', () => {
  it('neutralises every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const dangerous of ['=1+1', '+34 600', '-2+3', '@SUM(A1:A9)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")']) {
      expect(neutralizeCell(dangerous)).toBe(`'${dangerous}`);
    }
    for (const harmless of ['a=b', 'Núñez', '', ' =1', 'x-y']) expect(neutralizeCell(harmless)).toBe(harmless);
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(null)).toBeNull();
  });

  it('round-trips accents, commas, quotes and newlines, with a BOM and CRLF rows', () => {
    const rows = [
      ['Ñandú, S.L.', 'dijo "hola"\ny se fue', 'línea1\r\nlínea2'],
      ['=cmd|"/c calc"!A1', '', 'ok'],
    ];
    const bytes = toCsvBytes(['Código', 'Título', 'Descripción'], rows);
    expect(hasBom(bytes)).toBe(true);
    expect(Buffer.from(bytes).toString('utf8').split('\r\n')[0]).toBe('\uFEFFCódigo,Título,Descripción');
    expect(parseCsv(bytes)).toEqual([
      ['Código', 'Título', 'Descripción'],
      rows[0],
      ["'=cmd|\"/c calc\"!A1", '', 'ok'],
    ]);
  });

  it("writes a Spanish Excel's dialect: ';' between cells, a decimal comma, both delimiters quoted inside cells", () => {
    const bytes = toCsvBytes(['Cliente', 'Horas', 'Nota'], [['Núñez, S.L.', 1.5, 'a;b'], ['x;=cmd|\' /C calc\'!A0;y', 2, '']], SPANISH_EXCEL_CSV);
    const lines = Buffer.from(bytes).toString('utf8').split('\r\n');
    expect(lines[1]).toBe('"Núñez, S.L.";1,5;"a;b"');
    expect(parseCsv(bytes, ';')).toEqual([
      ['Cliente', 'Horas', 'Nota'],
      ['Núñez, S.L.', '1,5', 'a;b'],
      ["x;'=cmd|' /C calc'!A0;y", '2', ''],
    ]);
  });
});

describe('reports.ticketsCsv and reports.workOrdersCsv', () => {
  let app: TestApp;
  const tricky = [
    // A title is one line (18.11): line breaks inside a cell are exercised by the OT notes below.
    'Pantalla "azul", reinicia en bucle; otra vez',
    '=HYPERLINK("http://evil.example","pulsa")',
    'Ñandú: señal débil en el sótano',
    '@admin revisa la cañería',
  ];
  const createdIds: string[] = [];
  let customerName: string;
  let woCode: string;
  const notes = 'Cambio de válvula, "purga" hecha\nPresión: -0,2 bar';

  beforeAll(async () => {
    app = await startTestApp();
    customerName = 'Ferretería Núñez, Hijos & "Cía"';
    const customer = await app.admin.call('customers.create', { name: customerName });
    for (const title of tricky) {
      const t = await app.admin.call('tickets.create', { title, customerId: customer.id, priority: 'high' });
      createdIds.push(t.id);
    }
    // 230 plain tickets later on: more than one 200-row page, to prove paging reaches the end.
    app.clock.advance(60_000);
    for (let i = 0; i < 230; i++) await app.admin.call('tickets.create', { title: `Revisión periódica nº ${i}`, priority: 'low' });
    const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
    const wo = await completedWorkOrder(app, app.admin, {
      customerId: customer.id,
      technicianId: tec.id,
      scheduledDate: '2026-03-02T12:00:00.000Z',
      serials: ['SN-1'],
      notes,
    });
    woCode = wo.code;
  });
  afterAll(() => app.close());

  it('exports every ticket of the filter with the cells exactly as entered', async () => {
    const file = await app.admin.call('reports.ticketsCsv', {});
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    // No period: named by today on the company calendar.
    expect(file.fileName).toBe('tickets_2026-03-02.csv');
    expect(hasBom(file.bytes)).toBe(true);
    const [header, ...rows] = parseCsv(file, ';');
    expect(header).toEqual(['Código', 'Título', 'Estado', 'Prioridad', 'Categoría', 'Cliente', 'Asignado a', 'Creado', 'Actualizado', 'Primera respuesta (min)', 'Respuesta en plazo', 'Resolución (min)', 'Resolución en plazo']);
    expect(rows).toHaveLength(tricky.length + 230 + 1);
    const codes = new Set(rows.map((r) => r[0]));
    expect(codes.size).toBe(rows.length);
    const byTitle = new Map(rows.map((r) => [r[1], r]));
    expect(byTitle.get(tricky[0] as string)?.[5]).toBe(customerName);
    expect(byTitle.get(tricky[0] as string)?.[3]).toBe('Alta');
    expect(byTitle.has(`'${tricky[1]}`)).toBe(true);
    expect(byTitle.has(tricky[2] as string)).toBe(true);
    expect(byTitle.has(`'${tricky[3]}`)).toBe(true);
  });

  it('applies the list filters and the period, with English headers when asked', async () => {
    const early = await app.admin.call('reports.ticketsCsv', { createdTo: '2026-03-02T09:00:30.000Z', language: 'en' });
    const [header, ...rows] = parseCsv(early);
    expect(header?.slice(0, 4)).toEqual(['Code', 'Title', 'Status', 'Priority']);
    expect(rows).toHaveLength(tricky.length);
    expect(rows.every((r) => r[3] === 'High')).toBe(true);
    const low = parseCsv(await app.admin.call('reports.ticketsCsv', { priority: 'low' }), ';');
    expect(low).toHaveLength(1 + 230);
  });

  it('exports OTs of a period with their work done intact (then the internal notes) and the duration in minutes', async () => {
    const file = await app.admin.call('reports.workOrdersCsv', {
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      dateField: 'completed_at',
    });
    expect(file.fileName).toBe('work-orders_2026-03-02_2026-03-02.csv');
    const [header, ...rows] = parseCsv(file, ';');
    expect(header).toContain('Duración (min)');
    // The last column is the team's own notes: named so, since a CSV gets forwarded (the newcomer read "Notas" as shareable).
    expect(header?.at(-1)).toBe('Notas internas');
    expect(rows).toHaveLength(1);
    const row = rows[0] as string[];
    expect(row[0]).toBe(woCode);
    expect(row[3]).toBe(customerName);
    expect(row[5]).toBe('Completada');
    expect(row[6]).toBe('Tomás Peña');
    expect(row[header?.indexOf('Duración (min)') ?? -1]).toBe('25');
    expect(row[header?.indexOf('Trabajo realizado') ?? -1]).toBe(notes);
    const none = parseCsv(await app.admin.call('reports.workOrdersCsv', { from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' }), ';');
    expect(none).toHaveLength(1);
  });

  it('writes for a Spanish Excel in Spanish (local dates) and to the standard otherwise, the choice winning over the language', async () => {
    const range = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', dateField: 'completed_at' as const };
    const spanish = await app.admin.call('reports.workOrdersCsv', range);
    const text = Buffer.from(spanish.bytes).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('Código;Ticket');
    const row = (parseCsv(spanish, ';')[1] ?? []) as string[];
    // Scheduled 12:00 UTC on 2 March: the company's wall clock (whatever its zone), as dd/mm/aaaa hh:mm.
    expect(row[7]).toMatch(/^02\/03\/2026 \d\d:00$/);
    const standard = await app.admin.call('reports.workOrdersCsv', { ...range, csvFormat: 'standard' });
    const standardRow = (parseCsv(standard)[1] ?? []) as string[];
    expect(standardRow[7]).toBe('2026-03-02T12:00:00.000Z');
    const englishExcel = await app.admin.call('reports.workOrdersCsv', { ...range, language: 'en', csvFormat: 'excel_es' });
    expect(parseCsv(englishExcel, ';')[0]?.[0]).toBe('Code');
  });

  it('is refused without reports:export', async () => {
    const reader = await app.userWithRole('Solo lectura', 'lector', 'Lucía');
    expect(await reader.caller.failure('reports.ticketsCsv', {})).toBe('FORBIDDEN');
    expect(await reader.caller.failure('reports.workOrdersCsv', {})).toBe('FORBIDDEN');
  });
});

describe("reports.workOrdersCsv: the planned length and a typed duration's reason", () => {
  let app: TestApp;
  // A ';' inside: a Spanish Excel's delimiter, so the cell must come back whole.
  const reason = 'El reloj siguió en marcha; fueron 40 min';
  let own: string;
  let usual: string;
  let typed: string;

  beforeAll(async () => {
    app = await startTestApp();
    // Usual lengths unlike the built-in ones (repair 120, install 180): the column reads the company's settings.
    await app.admin.call('settings.update', {
      versions: await settingsVersions(app.admin),
      workOrderDefaultMinutes: { diagnosis: 45, repair: 75, install: 200, upgrade: 60, maintenance: 30 },
    });
    const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
    const visit = { customerId: null, technicianId: tec.id, scheduledDate: '2026-03-02T12:00:00.000Z', serials: [] };
    own = (await completedWorkOrder(app, app.admin, { ...visit, estimatedMinutes: 50 })).code;
    usual = (await completedWorkOrder(app, app.admin, { ...visit, otType: 'install' })).code;
    typed = (await completedWorkOrder(app, app.admin, { ...visit, typedDuration: { seconds: 40 * 60, reason } })).code;
  });
  afterAll(() => app.close());

  it("puts the planned minutes (the OT's own, else its type's usual) and the typed duration's reason beside the duration", async () => {
    const file = await app.admin.call('reports.workOrdersCsv', {});
    const parsed = parseCsv(file, ';');
    const header = parsed[0] ?? [];
    const completed = header.indexOf('Completada');
    expect(header.slice(completed + 1, completed + 4)).toEqual(['Duración prevista (min)', 'Duración (min)', 'Motivo del cambio de duración']);
    const rows = new Map(byHeader(parsed).map((row) => [row['Código'], row]));
    const columns = (code: string) => {
      const row = rows.get(code);
      return [row?.['Duración prevista (min)'], row?.['Duración (min)'], row?.['Motivo del cambio de duración']];
    };
    expect(columns(own)).toEqual(['50', '25', '']);
    expect(columns(usual)).toEqual(['200', '25', '']);
    expect(columns(typed)).toEqual(['75', '40', reason]);
    // A Spanish Excel's line: the minutes bare (numbers), the reason quoted for its ';'.
    const lines = Buffer.from(file.bytes).toString('utf8').split('\r\n');
    expect(lines.find((line) => line.startsWith(`${typed};`))).toContain(`;75;40;"${reason}";`);
  });

  it('names the two columns in English, and writes them to the standard CSV too', async () => {
    const parsed = parseCsv(await app.admin.call('reports.workOrdersCsv', { language: 'en' }));
    const header = parsed[0] ?? [];
    const completed = header.indexOf('Completed');
    expect(header.slice(completed + 1, completed + 4)).toEqual(['Estimated duration (min)', 'Duration (min)', 'Reason for changing the duration']);
    const typedRow = byHeader(parsed).find((row) => row['Code'] === typed);
    expect([typedRow?.['Estimated duration (min)'], typedRow?.['Duration (min)'], typedRow?.['Reason for changing the duration']]).toEqual(['75', '40', reason]);
  });
});
