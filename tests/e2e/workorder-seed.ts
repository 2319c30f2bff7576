// Realistic work orders for this week (agenda, OT detail, trace and report screenshots), through the real channels.
import type { WorkOrderDetail, WorkOrderType } from '../../electron/contract';
import type { SeededTickets } from './ticket-seed';
import type { E2eApp } from './support';

const HOUR = 3_600_000;

export const PRODUCTS = [
  { sku: 'VEX-R32-25', name: 'Válvula de expansión R32 2,5 kW', tracksSerial: true },
  { sku: 'CMP-SCR-3K', name: 'Compresor scroll 3 CV', tracksSerial: true },
  { sku: 'PRS-BAJA-01', name: 'Presostato de baja presión', tracksSerial: true },
  { sku: 'TRM-DIG-200', name: 'Termostato digital programable', tracksSerial: true },
  { sku: 'FLT-G4-595', name: 'Filtro G4 595×595', tracksSerial: false },
  { sku: 'GAS-R32-1K', name: 'Botella de gas R32 (1 kg)', tracksSerial: false },
];

export interface SeededWorkOrders {
  productIds: string[];
  /** The OT in progress (its timer runs), assigned to the first technician. */
  inProgress: WorkOrderDetail;
  /** A scheduled OT of the second technician. */
  othersScheduled: WorkOrderDetail;
  /** A serial that went into two OTs (fitted, repaired under warranty, fitted again). */
  tracedSerial: string;
  all: WorkOrderDetail[];
}

/** 00:00 UTC of today: visits are placed relative to it, so every weekday gives past and future ones. */
function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** [ticket index, type, technician index, days from today, hour UTC]. Past visits get done with parts; later ones stay scheduled. */
const PLAN: [number, WorkOrderType, number, number, number][] = [
  [0, 'repair', 0, -6, 7],
  [1, 'repair', 1, -6, 9],
  [2, 'diagnosis', 2, -5, 8],
  [3, 'repair', 0, -5, 11],
  [5, 'maintenance', 1, -4, 7],
  [6, 'diagnosis', 0, -3, 10],
  [7, 'repair', 2, -2, 8],
  [8, 'install', 1, -2, 12],
  [9, 'maintenance', 0, -1, 7],
  [10, 'repair', 2, 1, 9],
  [11, 'upgrade', 1, 2, 8],
  [4, 'maintenance', 0, 3, 7],
];

/** The seed writes a week of history: past visits and back-to-back ones are booked as a dispatcher would confirm them. */
const HISTORY = { recordsPastVisit: true, confirmOverlap: true } as const;

export async function seedWorkOrders(app: E2eApp, seeded: SeededTickets): Promise<SeededWorkOrders> {
  const productIds: string[] = [];
  for (const product of PRODUCTS) productIds.push((await app.admin.call('products.create', product)).id);
  const open = seeded.tickets.filter((t) => t.status !== 'closed');
  const today = todayUtc();
  const now = Date.now();
  const all: WorkOrderDetail[] = [];

  for (const [ticketIndex, otType, techIndex, day, hour] of PLAN) {
    const ticket = open[ticketIndex % open.length]!;
    const technicianId = seeded.technicianIds[techIndex]!;
    const when = new Date(today.getTime() + day * 24 * HOUR + hour * HOUR);
    const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType });
    all.push(await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate: when.toISOString(), technicianId, version: requested.version, ...HISTORY }));
  }

  // Past visits of this week are done (with parts), the next one of the first technician is under way.
  const tracedSerial = 'CMP-7731-0452';
  const done: WorkOrderDetail[] = [];
  for (const [i, wo] of all.entries()) {
    const at = new Date(wo.scheduledDate!);
    if (at.getTime() + 2 * HOUR > now) continue;
    const tech = wo.technician!.id;
    const started = await app.asUserAt(tech, at, (c) => c.call('workOrders.start', { id: wo.id, version: wo.version }));
    // Each part moves the OT's version: every next call names the one the last answer gave.
    const withParts = await app.asUserAt(tech, new Date(at.getTime() + 0.5 * HOUR), async (c) => {
      const first = await c.call('workOrders.addItem', { id: wo.id, version: started.version, productId: i === 0 ? productIds[1]! : productIds[i % 4]!, serialNumber: i === 0 ? tracedSerial : `SN-${4100 + i * 37}-${(i * 7919) % 1000}` });
      return c.call('workOrders.addItem', { id: wo.id, version: first.version, productId: productIds[4]!, quantity: 2 });
    });
    const completed = await app.asUserAt(tech, new Date(at.getTime() + 1.25 * HOUR), (c) =>
      c.call('workOrders.complete', { id: wo.id, version: withParts.version, workDone: 'Revisado el equipo, sustituida la pieza averiada y comprobado el funcionamiento con el cliente.' }),
    );
    done.push(completed);
  }
  // The traced compressor went to the maker's workshop under warranty and a later visit fitted it again.
  const swap = done[0];
  if (swap) {
    // Completed OTs are final: log the swap on a fresh visit of that ticket instead.
    const again = await app.admin.call('workOrders.requestVisit', { ticketId: swap.ticketId, otType: 'repair' });
    const when = new Date(Math.min(now - HOUR, new Date(swap.scheduledDate!).getTime() + 2 * 24 * HOUR));
    const scheduled = await app.asAdminAt(when, (c) => c.call('workOrders.schedule', { id: again.id, scheduledDate: when.toISOString(), technicianId: swap.technician!.id, version: again.version, ...HISTORY }));
    const started = await app.asUserAt(swap.technician!.id, when, (c) => c.call('workOrders.start', { id: again.id, version: scheduled.version }));
    const withPart = await app.asUserAt(swap.technician!.id, new Date(when.getTime() + 0.2 * HOUR), (c) => c.call('workOrders.addItem', { id: again.id, version: started.version, productId: productIds[1]!, serialNumber: tracedSerial }));
    await app.asUserAt(swap.technician!.id, new Date(when.getTime() + 0.5 * HOUR), (c) =>
      c.call('workOrders.complete', { id: again.id, version: withPart.version, workDone: 'Compresor reparado en garantía en el taller del fabricante y montado de nuevo en el mismo equipo.' }),
    );
  }

  // Today: the first technician's visit is under way (started 47 minutes ago, parts logged); two more later on.
  const [firstTech, secondTech, thirdTech] = seeded.technicianIds as [string, string, string];
  const visit = async (ticketIndex: number, otType: WorkOrderType, technicianId: string, when: Date) => {
    const requested = await app.asAdminAt(new Date(now - 3 * HOUR), (c) => c.call('workOrders.requestVisit', { ticketId: open[ticketIndex % open.length]!.id, otType }));
    return app.asAdminAt(new Date(now - 2.5 * HOUR), (c) =>
      c.call('workOrders.schedule', { id: requested.id, scheduledDate: when.toISOString(), technicianId, version: requested.version, ...HISTORY }),
    );
  };
  // Scheduled for now (the technician started early), so it is on today's agenda whatever the hour.
  const next = await visit(12, 'repair', firstTech, new Date(now));
  const started = await app.asUserAt(firstTech, new Date(now - 47 * 60_000), (c) => c.call('workOrders.start', { id: next.id, version: next.version }));
  const withParts = await app.asUserAt(firstTech, new Date(now - 20 * 60_000), async (c) => {
    const first = await c.call('workOrders.addItem', { id: next.id, version: started.version, productId: productIds[2]!, serialNumber: 'PB-2291-7740' });
    return c.call('workOrders.addItem', { id: next.id, version: first.version, productId: productIds[5]!, quantity: 1 });
  });
  const inProgress = await app.asUserAt(firstTech, new Date(now - 10 * 60_000), (c) =>
    c.call('workOrders.updateNotes', { id: next.id, version: withParts.version, notes: 'El presostato de baja no corta bien: lo cambio. Fuga pequeña en la válvula de servicio, apretada.' }),
  );
  const othersScheduled = await visit(13, 'diagnosis', secondTech, new Date(now + 2 * HOUR));
  all.push(inProgress, othersScheduled, await visit(14, 'maintenance', thirdTech, new Date(now + 4 * HOUR)));
  // Visits requested this morning, still waiting in the dispatch queue.
  for (const [ticketIndex, otType] of [[15, 'diagnosis'], [16, 'repair'], [3, 'maintenance']] as const) {
    await app.asAdminAt(new Date(now - (ticketIndex % 5) * HOUR - HOUR), (c) => c.call('workOrders.requestVisit', { ticketId: open[ticketIndex % open.length]!.id, otType }));
  }
  return { productIds, inProgress, othersScheduled, tracedSerial, all };
}
