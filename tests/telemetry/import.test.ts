import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minutesBefore, startTelemetryApp, telemetryEventCount, type TelemetryApp } from './helpers';

let app: TelemetryApp;
beforeEach(async () => {
  app = await startTelemetryApp();
});
afterEach(() => app.close());

const HEADER = 'metric,value,unit,source,measured_at';

function importFile(format: 'csv' | 'json', content: string, mode: 'valid_rows' | 'all_or_nothing' = 'valid_rows') {
  return app.admin.call('telemetry.import', { ticketId: app.ticketId, format, content, mode, fileName: `lecturas.${format}` });
}

async function importError(format: 'csv' | 'json', content: string) {
  const env = await app.admin.envelope('telemetry.import', { ticketId: app.ticketId, format, content, mode: 'valid_rows' });
  if (env.ok) throw new Error('import unexpectedly succeeded');
  return { code: env.error.code, reason: env.error.details?.reason };
}

describe('telemetry.import (CSV)', () => {
  it('imports a good file as one event and reports nothing rejected', async () => {
    const at = [minutesBefore(app, 30), minutesBefore(app, 20), minutesBefore(app, 10)];
    const csv = [HEADER, `voltage,229.8,V,Fluke 87V,${at[0]}`, `voltage,231.2,V,Fluke 87V,${at[1]}`, `temperature,41,°C,,${at[2]}`].join('\n');
    const report = await importFile('csv', csv);
    expect(report).toMatchObject({ imported: 3, rejected: [], rejectedCount: 0 });
    expect(telemetryEventCount(app, app.ticketId)).toBe(1);
    const listed = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(listed.map((r) => [r.metric, r.value, r.source, r.measuredAt, r.eventId])).toEqual([
      ['voltage', 229.8, 'Fluke 87V', at[0], report.eventId],
      ['voltage', 231.2, 'Fluke 87V', at[1], report.eventId],
      ['temperature', 41, 'lecturas.csv', at[2], report.eventId],
    ]);
  });

  it('imports the valid rows of a mixed file and names each bad line and why', async () => {
    const ok = minutesBefore(app, 15);
    const future = new Date(app.clock.now().getTime() + 60 * 60_000).toISOString();
    const csv = [
      HEADER,
      `voltage,229.8,V,multímetro,${ok}`,
      `voltage,230,mV,multímetro,${ok}`,
      `current,abc,A,pinza,${ok}`,
      '',
      `current,Infinity,A,pinza,${ok}`,
      `signal,-71,dBm,router,${future}`,
      `humidity,55,%,sonda,1999-06-01T10:00:00Z`,
      `pressure,2.1,bar,manómetro,ayer`,
      `voltage,229`,
      `caudal,12,l/min,caudalímetro,${ok}`,
    ].join('\r\n');
    const report = await importFile('csv', csv);
    expect(report.imported).toBe(2);
    expect(report.rejectedCount).toBe(7);
    expect(report.rejected).toEqual([
      { line: 3, field: 'unit', reason: 'unit_not_allowed' },
      { line: 4, reason: 'value_not_a_number' },
      { line: 6, reason: 'value_not_finite' },
      { line: 7, field: 'measured_at', reason: 'measured_in_future' },
      { line: 8, field: 'measured_at', reason: 'measured_before_2000' },
      { line: 9, field: 'measured_at', reason: 'invalid_measured_at' },
      { line: 10, reason: 'wrong_column_count' },
    ]);
    const listed = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(listed.map((r) => r.metric).sort()).toEqual(['caudal', 'voltage']);
  });

  it('with all_or_nothing writes nothing at all when one row is bad, and everything when none is', async () => {
    const ok = minutesBefore(app, 15);
    const eventsBefore = telemetryEventCount(app, app.ticketId);
    const detailBefore = await app.admin.call('tickets.get', { id: app.ticketId });
    const bad = [HEADER, `voltage,229.8,V,x,${ok}`, `voltage,230.1,V,x,${ok}`, `voltage,NaN,V,x,${ok}`].join('\n');
    const refused = await importFile('csv', bad, 'all_or_nothing');
    expect(refused).toMatchObject({ imported: 0, rejectedCount: 1, rejected: [{ line: 4, reason: 'value_not_finite' }] });
    expect(refused.eventId).toBeUndefined();
    expect(telemetryEventCount(app, app.ticketId)).toBe(eventsBefore);
    const detailAfter = await app.admin.call('tickets.get', { id: app.ticketId });
    expect(detailAfter.timeline.length).toBe(detailBefore.timeline.length);
    expect(detailAfter.updatedAt).toBe(detailBefore.updatedAt);

    const good = [HEADER, `voltage,229.8,V,x,${ok}`, `voltage,230.1,V,x,${ok}`].join('\n');
    expect(await importFile('csv', good, 'all_or_nothing')).toMatchObject({ imported: 2, rejectedCount: 0 });
    expect(telemetryEventCount(app, app.ticketId)).toBe(eventsBefore + 1);
  });

  it('reads semicolon-separated files with a decimal comma and a BOM, and refuses thousands separators', async () => {
    const ok = minutesBefore(app, 15);
    const csv = `\uFEFFmetric;value;unit;source;measured_at\nvoltage;229,8;V;Fluke;${ok}\ncurrent;"1.234,5";A;pinza;${ok}\ncurrent;-0,5;A;pinza;${ok}\n`;
    const report = await importFile('csv', csv);
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([{ line: 3, reason: 'value_not_a_number' }]);
    const listed = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(listed.map((r) => r.value).sort()).toEqual([-0.5, 229.8]);
  });

  it('lets other calls through while a big file is parsed and validated (the main process does not freeze)', async () => {
    const at = minutesBefore(app, 30);
    const csv = [HEADER, ...Array.from({ length: 20_000 }, (_, i) => `voltage,${220 + (i % 20)},V,Fluke,${at}`)].join('\n');
    const finished: string[] = [];
    const importing = importFile('csv', csv).then((report) => finished.push(`import ${report.imported}`));
    const reading = app.admin.call('tickets.get', { id: app.ticketId }).then(() => finished.push('get'));
    await Promise.all([importing, reading]);
    expect(finished).toEqual(['get', 'import 20000']);
  });

  it('refuses a file whose header is wrong or whose quoting is broken, writing nothing', async () => {
    expect(await importError('csv', `metrica,valor,unidad\nvoltage,1,V`)).toEqual({ code: 'VALIDATION', reason: 'csv_header_invalid' });
    expect(await importError('csv', `${HEADER}\nvoltage,"229.8,V,x,${minutesBefore(app, 1)}\n`)).toEqual({ code: 'VALIDATION', reason: 'csv_malformed' });
    expect(telemetryEventCount(app, app.ticketId)).toBe(0);
  });
});

describe('telemetry.import (JSON)', () => {
  it('imports an array or {readings}, accepts measured_at, and reports bad items by position', async () => {
    const ok = minutesBefore(app, 5);
    const content = JSON.stringify({
      readings: [
        { metric: 'voltage', value: 229.8, unit: 'V', source: 'Fluke', measuredAt: ok },
        { metric: 'signal', value: -67, unit: 'dBm', measured_at: ok },
        { metric: 'voltage', value: '230', unit: 'V', measuredAt: ok },
        'voltage 230',
        { metric: 'voltage', value: 230, unit: 'V', measuredAt: ok, colour: 'red' },
        { metric: '', value: 1, unit: 'V', measuredAt: ok },
      ],
    });
    const report = await importFile('json', content);
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([
      { line: 3, field: 'value', reason: 'invalid_value' },
      { line: 4, reason: 'not_an_object' },
      { line: 5, field: 'colour', reason: 'unknown_field' },
      { line: 6, field: 'metric', reason: 'invalid_metric' },
    ]);
    const plain = await importFile('json', JSON.stringify([{ metric: 'humidity', value: 48, unit: '%', measuredAt: ok }]), 'all_or_nothing');
    expect(plain.imported).toBe(1);
    expect(telemetryEventCount(app, app.ticketId)).toBe(2);
  });

  it('writes nothing in all_or_nothing mode when one item is bad', async () => {
    const ok = minutesBefore(app, 5);
    const content = JSON.stringify([
      { metric: 'voltage', value: 229.8, unit: 'V', measuredAt: ok },
      { metric: 'temperature', value: 40, unit: 'K', measuredAt: ok },
    ]);
    expect(await importFile('json', content, 'all_or_nothing')).toMatchObject({ imported: 0, rejected: [{ line: 2, field: 'unit', reason: 'unit_not_allowed' }] });
    expect(telemetryEventCount(app, app.ticketId)).toBe(0);
  });

  it('refuses JSON that is not JSON or not a list', async () => {
    expect(await importError('json', '{"readings": [')).toEqual({ code: 'VALIDATION', reason: 'json_malformed' });
    expect(await importError('json', '{"data": []}')).toEqual({ code: 'VALIDATION', reason: 'json_not_a_list' });
  });

  it('caps the rejection list of a huge bad file but counts every row', async () => {
    const rows = Array.from({ length: 3000 }, () => ({ metric: 'voltage', value: 1, unit: 'mV', measuredAt: minutesBefore(app, 1) }));
    const report = await importFile('json', JSON.stringify(rows));
    expect(report.rejectedCount).toBe(3000);
    expect(report.rejected).toHaveLength(1000);
    expect(report.imported).toBe(0);
  });
});
