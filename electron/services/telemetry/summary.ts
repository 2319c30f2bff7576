// The human line a telemetry event shows in the timeline, in Spanish like the rest of the bitácora.
import type { StoredReading } from './record';

const METRIC_LABEL_ES: Readonly<Record<string, string>> = {
  voltage: 'voltaje',
  current: 'corriente',
  temperature: 'temperatura',
  signal: 'señal',
  humidity: 'humedad',
  pressure: 'presión',
  power: 'potencia',
  frequency: 'frecuencia',
  resistance: 'resistencia',
};

const SHOWN = 4;

export function metricLabelEs(metric: string): string {
  return Object.hasOwn(METRIC_LABEL_ES, metric) ? (METRIC_LABEL_ES[metric] ?? metric) : metric;
}

/** "3 lecturas: voltaje 229.8 V, corriente 4.1 A, temperatura 41 °C" (the first four, then "…"). */
export function summarizeReadings(readings: readonly StoredReading[], origin?: string): string {
  const head = readings.length === 1 ? '1 lectura' : `${readings.length} lecturas`;
  const shown = readings.slice(0, SHOWN).map((r) => `${metricLabelEs(r.metric)} ${r.value} ${r.unit}`);
  const more = readings.length > SHOWN ? ', …' : '';
  return `${head}${origin ? ` (${origin})` : ''}: ${shown.join(', ')}${more}`;
}
