// Demo checklists: templates for Reparación and Mantenimiento (the replicated setting checklistTemplates), and the
// answers a technician gave on those OTs: every required item on a completed OT (the app refuses to complete without
// them), some of them on one still in progress.
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import type { ChecklistItem, ChecklistTemplates } from '../../electron/contract/checklists';
import { readSettings, writeSettings } from '../../electron/services/settings';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import type { WorkOrderType } from '../../shared/enums';
import type { Random } from './random';

export const DEMO_CHECKLISTS: Partial<Record<WorkOrderType, ChecklistItem[]>> = {
  repair: [
    { key: 'works', label: 'Equipo probado y funcionando', kind: 'check', required: true },
    { key: 'explained', label: 'Explicado al cliente lo que se ha hecho', kind: 'check', required: true },
    { key: 'voltage', label: 'Tensión de alimentación', kind: 'number', unit: 'V', required: false },
    { key: 'remarks', label: 'Observaciones', kind: 'text', required: false },
  ],
  maintenance: [
    { key: 'cleaned', label: 'Limpieza de filtros y ventiladores', kind: 'check', required: true },
    { key: 'firmware', label: 'Firmware al día', kind: 'check', required: true },
    { key: 'temperature', label: 'Temperatura del equipo', kind: 'number', unit: '°C', required: false },
    { key: 'remarks', label: 'Observaciones', kind: 'text', required: false },
  ],
};

const REMARKS = [
  'El cliente pide presupuesto para cambiar el equipo el año que viene.',
  'Cableado antiguo; conviene revisarlo en la próxima visita.',
  'Equipo en un cuarto sin ventilación.',
  'Todo correcto.',
];

/** Adds the demo template of each type that has none yet (a template someone made is kept); returns those in use. */
export function ensureDemoChecklists(sqlite: Database.Database, at: string): ChecklistTemplates {
  const db = drizzle(sqlite, { schema });
  const current = readSettings(db).checklistTemplates;
  const missing = Object.entries(DEMO_CHECKLISTS).filter(([type]) => (current[type as WorkOrderType] ?? []).length === 0);
  if (missing.length === 0) return current;
  const templates: ChecklistTemplates = { ...current, ...Object.fromEntries(missing) };
  // A replicated setting: its change becomes an op of this device before the transaction commits.
  sqlite.transaction(() => {
    writeSettings(db, { checklistTemplates: templates }, at);
    recordCapturedOps(sqlite, null, Date.now());
  })();
  return templates;
}

export interface AnswerRow {
  id: string;
  workOrderId: string;
  itemKey: string;
  label: string;
  kind: ChecklistItem['kind'];
  unit: string | null;
  required: number;
  value: string;
  answeredBy: string;
  answeredAt: string;
}

function valueFor(r: Random, item: ChecklistItem): boolean | number | string {
  if (item.kind === 'check') return true;
  if (item.kind === 'number') return item.unit === 'V' ? r.int(226, 234) : r.int(300, 550) / 10;
  return r.pick(REMARKS);
}

/** The answers on one OT: all required items when completed, about half of them while in progress; optional ones now and then. */
export function demoAnswers(
  r: Random,
  template: readonly ChecklistItem[],
  workOrder: { id: string; technicianId: string; completed: boolean },
  answeredAt: () => string,
): AnswerRow[] {
  return template
    .filter((item) => (item.required ? workOrder.completed || r.chance(0.5) : r.chance(item.kind === 'number' ? 0.6 : 0.25)))
    .map((item) => ({
      id: `${workOrder.id}:${item.key}`,
      workOrderId: workOrder.id,
      itemKey: item.key,
      label: item.label,
      kind: item.kind,
      unit: item.unit ?? null,
      required: item.required ? 1 : 0,
      value: JSON.stringify(valueFor(r, item)),
      answeredBy: workOrder.technicianId,
      answeredAt: answeredAt(),
    }));
}
