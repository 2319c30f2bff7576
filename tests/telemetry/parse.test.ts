import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUnit, measuredAtIssue, telemetryReading } from '../../electron/contract/telemetry';
import { detectDelimiter, parseDecimal } from '../../electron/services/telemetry/parse';
import { summarizeReadings } from '../../electron/services/telemetry/summary';

describe('parseDecimal', () => {
  it('reads back any finite number written with a dot, and with a decimal comma', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (value) => {
        const text = String(value);
        expect(parseDecimal(text)).toBe(Number(text));
        if (/^-?\d+\.\d+$/.test(text)) expect(parseDecimal(text.replace('.', ','))).toBe(Number(text));
      }),
    );
  });

  it('names what is wrong with values that are not plain numbers', () => {
    expect(parseDecimal('')).toBe('value_missing');
    expect(parseDecimal('1.234,5')).toBe('value_not_a_number');
    expect(parseDecimal('12 V')).toBe('value_not_a_number');
    expect(parseDecimal('Infinity')).toBe('value_not_finite');
    expect(parseDecimal('nan')).toBe('value_not_finite');
    expect(parseDecimal('1e400')).toBe('value_not_finite');
  });
});

describe('the reading rules', () => {
  it('detects the delimiter from the header line only', () => {
    expect(detectDelimiter('metric;value;unit;source;measured_at\nvoltage;229,8;V;x;y')).toBe(';');
    expect(detectDelimiter('metric,value,unit,source,measured_at\nnota;con;puntos')).toBe(',');
  });

  it('stores the canonical spelling of a known unit and refuses the others', () => {
    expect(canonicalUnit('temperature', 'ºC')).toBe('°C');
    expect(canonicalUnit('signal', 'dbm')).toBe('dBm');
    expect(canonicalUnit('voltage', 'mV')).toBeNull();
    expect(canonicalUnit('caudal', 'l/min')).toBe('l/min');
  });

  it('normalizes metric case and the time zone of measuredAt', () => {
    const parsed = telemetryReading.parse({ metric: ' Voltage ', value: 1, unit: 'V', measuredAt: '2026-03-02T10:00:00+01:00' });
    expect(parsed).toMatchObject({ metric: 'voltage', measuredAt: '2026-03-02T09:00:00.000Z' });
    expect(telemetryReading.safeParse({ metric: 'voltage', value: 1, unit: 'V', measuredAt: '2026-03-02 10:00' }).success).toBe(false);
  });

  it('applies the clock rule at the 5-minute edge', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    expect(measuredAtIssue('2026-03-02T09:05:00.000Z', now)).toBeNull();
    expect(measuredAtIssue('2026-03-02T09:05:00.001Z', now)).toBe('measured_in_future');
    expect(measuredAtIssue('1999-12-31T23:59:59.999Z', now)).toBe('measured_before_2000');
  });

  it('summarizes a batch in Spanish, showing the first four readings', () => {
    const reading = (metric: string, value: number, unit: string) => ({ metric, value, unit, source: 'x', measuredAt: '2026-03-02T09:00:00.000Z' });
    expect(summarizeReadings([reading('voltage', 229.8, 'V')])).toBe('1 lectura: voltaje 229.8 V');
    const five = [reading('voltage', 1, 'V'), reading('current', 2, 'A'), reading('signal', -70, 'dBm'), reading('caudal', 3, 'l/min'), reading('humidity', 40, '%')];
    expect(summarizeReadings(five, 'sala.csv')).toBe('5 lecturas (sala.csv): voltaje 1 V, corriente 2 A, señal -70 dBm, caudal 3 l/min, …');
  });
});
