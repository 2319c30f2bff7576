// What an `ot_updated` event changed, read from its meta_data: the screens and the PDF word it in their language
// from these facts (issue 18: the English timeline said "updated OT-…" where the Spanish text named the part and serial).

export type WorkOrderChange =
  | { kind: 'item_added' | 'item_removed'; productName: string | null; serialNumber: string | null; quantity: number; unit?: string; direction: 'installed' | 'removed' }
  | { kind: 'notes' }
  | { kind: 'work_done' }
  | { kind: 'rescheduled'; scheduledDate: string | null; from: PlanSide; to: PlanSide };

/** One side of a reschedule: when and who (either may be unknown in older events). */
export interface PlanSide {
  scheduledDate: string | null;
  technicianId: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** The change an `ot_updated` event records beyond its status move; null for a plain status move or unknown meta. */
export function workOrderChangeOf(meta: Record<string, unknown> | null | undefined): WorkOrderChange | null {
  if (!meta) return null;
  if (meta.change === 'item_added' || meta.change === 'item_removed') {
    const item = (meta.item && typeof meta.item === 'object' ? meta.item : {}) as Record<string, unknown>;
    const quantity = typeof item.quantity === 'number' && item.quantity > 0 ? item.quantity : 1;
    // A free-text part (issue 15) names itself in `description`; older events have neither unit nor direction.
    const unit = text(item.unit);
    return {
      kind: meta.change,
      productName: text(item.productName) ?? text(item.description),
      serialNumber: text(item.serialNumber),
      quantity,
      ...(unit && unit !== 'unit' ? { unit } : {}),
      direction: item.direction === 'removed' ? 'removed' : 'installed',
    };
  }
  if (meta.change === 'notes') return { kind: 'notes' };
  if (meta.change === 'work_done') return { kind: 'work_done' };
  // A schedule on an OT that was already scheduled: same status, a new date or technician.
  if (meta.from === 'scheduled' && meta.to === 'scheduled' && meta.scheduledDate && typeof meta.scheduledDate === 'object') {
    const date = meta.scheduledDate as Record<string, unknown>;
    const technician = (meta.technicianId && typeof meta.technicianId === 'object' ? meta.technicianId : {}) as Record<string, unknown>;
    return {
      kind: 'rescheduled',
      scheduledDate: text(date.to),
      from: { scheduledDate: text(date.from), technicianId: text(technician.from) },
      to: { scheduledDate: text(date.to), technicianId: text(technician.to) },
    };
  }
  return null;
}

/** "Compresor de aire, serie CMP-1A2B ×2" from the facts and the words of one language. */
export function describePart(change: { productName: string | null; serialNumber: string | null; quantity: number; unit?: string }, words: { part: string; serial: (serial: string) => string; quantity?: (quantity: number) => string }): string {
  const named = [change.productName ?? words.part, change.serialNumber ? words.serial(change.serialNumber) : null].filter(Boolean).join(', ');
  const amount = words.quantity ? words.quantity(change.quantity) : String(change.quantity);
  // kg, m and l always say how much (1,5 kg); units only when more than one.
  if (change.unit) return `${named} ×${amount} ${change.unit}`;
  return change.quantity > 1 ? `${named} ×${amount}` : named;
}

/** One side of a plan as a line, "9 mar 2026, 9:00 · Tomás" ('' when neither is known or can be worded here). */
export function planLine(side: { scheduledDate?: unknown; technicianId?: unknown }, dateTime?: (iso: string) => string, person?: (id: string) => string | null): string {
  const when = typeof side.scheduledDate === 'string' && side.scheduledDate ? dateTime?.(side.scheduledDate) : null;
  const who = typeof side.technicianId === 'string' && side.technicianId ? person?.(side.technicianId) : null;
  return [when, who].filter(Boolean).join(' · ');
}

/** The `to` (or `from`) side of a schedule event's {from, to} pairs. */
export function planSideOf(meta: Record<string, unknown> | null | undefined, end: 'from' | 'to'): { scheduledDate?: unknown; technicianId?: unknown } {
  const pick = (pair: unknown) => (pair && typeof pair === 'object' ? (pair as Record<string, unknown>)[end] : undefined);
  return { scheduledDate: pick(meta?.scheduledDate), technicianId: pick(meta?.technicianId) };
}
