// Fabricated DTOs for the pure rendering tests: shaped exactly like the contract's, with accents on purpose.
import type {
  CustomerDto,
  SettingsDto,
  TicketDetail,
  TimelineEventDto,
  WorkOrderDetail,
  WorkOrderItemDto,
} from '../../electron/contract';
import { DEFAULT_SETTINGS } from '../../electron/services/settings';
import { DEFAULT_SLA_TARGETS, computeTicketSla, currentSlaClock, slaClockState } from '../../shared/sla';

// A 4x4 emerald-green PNG, small enough to inline; proves the logo path without a fixture file.
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGPgzvOHIwbiOABBAwyBDP11IAAAAABJRU5ErkJggg==';

export const settingsFixture: SettingsDto = {
  ...DEFAULT_SETTINGS,
  companyName: 'Servicios Técnicos Peñalara S.L.',
  companyAddress: 'Calle de la Montaña 12, 28013 Madrid',
  companyPhone: '+34 910 000 000',
  companyEmail: 'taller@peñalara.example',
  companyLogo: TINY_PNG,
  language: 'es',
};

export const customerFixture: CustomerDto = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Ferretería Núñez e Hijos',
  contactName: 'María José Ibáñez',
  phone: '+34 600 111 222',
  town: null,
  email: 'compras@nunez.example',
  address: 'Avenida de Andalucía 45, 2.º B, 41005 Sevilla',
  notes: null,
  version: 1,
  createdAt: '2026-01-10T08:00:00.000Z',
  updatedAt: '2026-01-10T08:00:00.000Z',
};

export function itemFixture(n: number, workOrderId = '01900000-0000-7000-8000-0000000000a1'): WorkOrderItemDto {
  const suffix = String(n).padStart(4, '0');
  return {
    id: `01900000-0000-7000-8000-00000000${suffix}`,
    workOrderId,
    productId: `01900000-0000-7000-9000-00000000${suffix}`,
    productName: n % 3 === 0 ? `Módulo de comunicación inalámbrica con batería de respaldo nº ${n}` : `Sensor de caudal ${n}`,
    productSku: `SKU-${suffix}`,
    serialNumber: `SN-${suffix}-ÑX`,
    quantity: 1 + (n % 4),
    consumedAt: '2026-03-02T10:15:00.000Z',
    description: null,
    direction: 'installed',
    unit: 'unit',
  };
}

export function workOrderFixture(overrides: Partial<WorkOrderDetail> = {}, itemCount = 3): WorkOrderDetail {
  const id = overrides.id ?? '01900000-0000-7000-8000-0000000000a1';
  return {
    id,
    code: 'OT-2026-000042',
    formerCodes: [],
    ticketId: '01900000-0000-7000-8000-0000000000b1',
    ticketCode: 'TK-2026-000017',
    ticketTitle: 'Caldera sin presión en la planta baja',
    customer: { id: customerFixture.id, name: customerFixture.name },
    otType: 'repair',
    status: 'completed',
    technician: { id: '01900000-0000-7000-8000-0000000000c1', fullName: 'Íñigo Muñoz', username: 'tecnico1' },
    scheduledDate: '2026-03-02T08:00:00.000Z',
    startedAt: '2026-03-02T08:10:00.000Z',
    completedAt: '2026-03-02T10:25:00.000Z',
    totalDuration: 8100,
    estimatedMinutes: null,
    notes: null,
    durationReason: null,
    workDone: 'Descripción del trabajo: se sustituyó la válvula de seguridad y se purgó el circuito.\nPresión final 1,5 bar; el cliente comprobó el funcionamiento.',
    version: 4,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-02T10:25:00.000Z',
    items: Array.from({ length: itemCount }, (_, i) => itemFixture(i + 1, id)),
    cancelReason: null,
    ...overrides,
  };
}

function event(n: number, eventType: TimelineEventDto['eventType'], content: string, metaData: Record<string, unknown> | null): TimelineEventDto {
  return {
    id: `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    ticketId: '01900000-0000-7000-8000-0000000000b1',
    eventType,
    content,
    metaData,
    author: { id: '01900000-0000-7000-8000-0000000000d1', fullName: 'Begoña Agente', username: 'agente1' },
    createdAt: `2026-03-0${Math.min(9, 1 + Math.floor(n / 3))}T0${n % 10}:00:00.000Z`,
  };
}

/** The SLA clocks the service would compute from the fixture's own timeline (default targets), unless overridden. */
function withSla(ticket: Omit<TicketDetail, 'sla' | 'slaClocks'> & Partial<Pick<TicketDetail, 'sla' | 'slaClocks'>>): TicketDetail {
  const events = ticket.timeline.map((e) => ({ eventType: e.eventType, authorId: e.author?.id ?? null, createdAt: e.createdAt, metaData: e.metaData }));
  const slaClocks = ticket.slaClocks ?? computeTicketSla(ticket, events, DEFAULT_SLA_TARGETS);
  const current = currentSlaClock(slaClocks);
  const sla = ticket.sla !== undefined ? ticket.sla : { kind: current.kind, ...current.clock, state: slaClockState(current.clock, Date.parse(ticket.updatedAt)) };
  return { ...ticket, slaClocks, sla };
}

export function ticketFixture(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return withSla({
    id: '01900000-0000-7000-8000-0000000000b1',
    code: 'TK-2026-000017',
    formerCodes: [],
    title: 'Caldera sin presión en la planta baja',
    status: 'closed',
    priority: 'high',
    category: { id: '01900000-0000-7000-8000-0000000000e1', name: 'Calefacción' },
    customer: { id: customerFixture.id, name: customerFixture.name },
    assignedTo: { id: '01900000-0000-7000-8000-0000000000c1', fullName: 'Íñigo Muñoz', username: 'tecnico1' },
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-03T09:00:00.000Z',
    version: 7,
    description: 'El cliente informa de que la caldera pierde presión cada mañana.',
    creator: { id: '01900000-0000-7000-8000-0000000000d1', fullName: 'Begoña Agente', username: 'agente1' },
    customerDetail: customerFixture,
    resolution: 'Válvula sustituida; presión estable durante 24 h.',
    closedAt: '2026-03-03T09:00:00.000Z',
    timeline: [
      event(1, 'created', 'Ticket creado', null),
      event(2, 'contact', 'Llamada para concertar la visita', { channel: 'phone', contactName: 'María José' }),
      event(3, 'status_change', 'Estado cambiado', { from: 'open', to: 'in_progress' }),
      event(4, 'ot_created', 'OT creada', { code: 'OT-2026-000042' }),
      event(5, 'note', 'El cliente pide que se llame antes de ir (señal débil en el sótano).', null),
      event(6, 'telemetry', 'Presión 1,5 bar', { metric: 'presión', value: 1.5, unit: 'bar' }),
      event(7, 'ot_completed', 'OT completada', { code: 'OT-2026-000042' }),
      event(8, 'closed', 'Válvula sustituida; presión estable durante 24 h.', null),
    ],
    timelineOlderCursor: null,
    workOrders: [workOrderFixture()],
    ...overrides,
  });
}
