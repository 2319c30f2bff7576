// Issue 18 polish: one table of metrics with their units. A known metric typed by its Spanish or English name is that
// metric, held to its units everywhere (hand entry, import, socket): "Presión 0,3 V" can no longer be saved.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalMetric, KNOWN_METRICS, METRICS, metricUnit } from '../../electron/contract/telemetry';
import { minutesBefore, startTelemetryApp, type TelemetryApp } from './helpers';

let app: TelemetryApp;
beforeAll(async () => {
  app = await startTelemetryApp();
});
afterAll(() => app.close());

const reading = (metric: string, value: number, unit: string) => ({ metric, value, unit, measuredAt: minutesBefore(app, 5) });

describe('metric names and units', () => {
  it('refuses "Presión 0,3 V" and stores "Presión 0,3 bar" as pressure', async () => {
    for (const metric of ['Presión', 'presion', 'PRESIÓN', 'Pressure']) {
      const env = await app.admin.envelope('telemetry.record', { ticketId: app.ticketId, readings: [reading(metric, 0.3, 'V')] });
      expect(env.ok, metric).toBe(false);
      if (!env.ok) expect((env.error.details?.issues as { message: string }[]).map((i) => i.message)).toContain('unit_not_allowed');
    }
    await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading('Presión', 0.3, 'bar'), reading('Tensión', 230, 'V')] });
    const listed = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(listed.map((r) => [r.metric, r.value, r.unit])).toEqual([
      ['pressure', 0.3, 'bar'],
      ['voltage', 230, 'V'],
    ]);
  });

  it('holds an imported row to the same rule', async () => {
    const csv = ['metric;value;unit;source;measured_at', `presión;0,3;V;Manómetro;${minutesBefore(app, 3)}`, `Humedad;41;%;Higrómetro;${minutesBefore(app, 2)}`].join('\n');
    const report = await app.admin.call('telemetry.import', { ticketId: app.ticketId, format: 'csv', content: csv, mode: 'valid_rows' });
    expect(report).toMatchObject({ imported: 1, rejected: [{ line: 2, field: 'unit', reason: 'unit_not_allowed' }] });
    expect((await app.admin.call('telemetry.list', { ticketId: app.ticketId, metric: 'humidity' })).map((r) => r.unit)).toEqual(['%']);
  });

  it('keeps other metrics free: any name not in the table, any short unit', () => {
    expect(canonicalMetric(' Caudal ')).toBe('caudal');
    expect(metricUnit(canonicalMetric('caudal'))).toBeNull();
  });

  it('names every metric of the table in both UI languages, and each name means its metric', () => {
    const LOCALES = path.resolve('renderer/src/i18n/locales');
    for (const lang of ['es', 'en']) {
      const labels = (JSON.parse(readFileSync(path.join(LOCALES, lang, 'telemetry.json'), 'utf8')) as { metrics: Record<string, string> }).metrics;
      expect(Object.keys(labels).sort(), lang).toEqual([...KNOWN_METRICS].sort());
      for (const key of KNOWN_METRICS) expect(canonicalMetric(labels[key] ?? ''), `${lang} ${key}`).toBe(key);
    }
    for (const key of KNOWN_METRICS) expect(metricUnit(key)).toBe(METRICS[key].units[0]);
  });
});
