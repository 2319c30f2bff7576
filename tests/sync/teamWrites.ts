// The random team activity of the sync property test, shared with the PostgreSQL parity test: writes made through
// the real channels by people of every role, and the exchanges between members, as fast-check arbitraries.
import fc from 'fast-check';
import { CONTACT_CHANNELS, WORK_ORDER_TYPES, type ChannelName, type InputOf, type Permission } from '../../electron/contract';
import { STORE_ROLE, TEAM_PEOPLE, type TeamMember, type TeamPerson, type TeamSeed } from './support';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

// Small pools, so two members often pick the same serial, customer name or SKU offline.
export const SERIALS = ['SN-1', 'SN-2', 'SN-3'];
export const CUSTOMERS = ['Hotel Miramar', 'Bar Sol', 'hotel miramar '];
export const SKUS = ['CAM-1', 'SEN-2'];
export const CATEGORIES = ['Redes', 'Cámaras'];
export const TEXTS = ['No enciende', 'Ruido en el ventilador', 'Pantalla rota', 'Revisar cableado'];
/**
 * Rights only grow here: the store clerk's role gains these one by one, and the clerk may be promoted to Supervisor
 * (which holds them all). Taking a right away while another copy, unaware, still uses it is the one case where copies
 * may disagree (DESIGN question reported with issue #12); it is not part of this property.
 */
export const GRANTS: Permission[] = ['tickets:write', 'workorders:read', 'workorders:execute'];

// ----- The actions ------------------------------------------------------------------------------------------------

/** `pick` chooses among the rows this member sees, in insertion order (deterministic for a given history). */
export type Write =
  | { w: 'ticket.create'; text: number; customer: boolean; assign: TeamPerson | null }
  | { w: 'ticket.edit'; pick: number; field: 'title' | 'description' | 'priority'; text: number }
  | { w: 'ticket.note'; pick: number; text: number }
  | { w: 'ticket.contact'; pick: number; text: number }
  | { w: 'ticket.status'; pick: number; to: 'open' | 'in_progress' | 'waiting' }
  | { w: 'ticket.assign'; pick: number; to: TeamPerson | null }
  | { w: 'ticket.close'; pick: number }
  | { w: 'ticket.reopen'; pick: number }
  | { w: 'ot.request'; pick: number; type: number; tech: 'tec1' | 'tec2' | null }
  | { w: 'ot.schedule'; pick: number; tech: 'tec1' | 'tec2' }
  | { w: 'ot.unschedule' | 'ot.start' | 'ot.complete' | 'ot.cancel'; pick: number }
  | { w: 'ot.notes'; pick: number; text: number }
  | { w: 'ot.addItem'; pick: number; serial: number | null; product: number }
  | { w: 'ot.removeItem'; pick: number }
  | { w: 'telemetry'; pick: number; value: number }
  | { w: 'customer.create'; name: number }
  | { w: 'customer.update'; pick: number; field: 'notes' | 'address' | 'name'; text: number }
  | { w: 'product.create'; sku: number }
  | { w: 'product.update'; pick: number; text: number }
  | { w: 'category.create'; name: number }
  | { w: 'settings'; text: number }
  | { w: 'role.grant' }
  | { w: 'user.promote' }
  | { w: 'user.rename'; person: TeamPerson; text: number }
  | { w: 'user.create'; name: number; role: 'Agente' | 'Técnico' };

export type Exchange = 'all' | 'duplicate' | 'drop' | 'prefix' | 'crash';

export type Step =
  | { s: 'write'; member: number; who: Who; write: Write }
  | { s: 'send'; from: number; to: number; how: Exchange; pageSize: number; picks: number[] }
  /** Time passes for everyone alike: the skews stay as drawn (a drifting clock would leave the 24 h window). */
  | { s: 'wait'; ms: number };

export interface Scenario {
  members: number;
  /** Clock offset of each member from the seed's time, in ms. */
  skews: number[];
  steps: Step[];
}

export const person = fc.constantFrom(...TEAM_PEOPLE);
/** Who acts: the office roles more often than the technicians and the clerk, whose writes are mostly refused. */
/** `newcomer`: the latest user the admin created during the run on that member, once there is one. */
export type Who = TeamPerson | 'newcomer';
export const actor: fc.Arbitrary<Who> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Who>('admin', 'sup', 'agent') },
  { weight: 2, arbitrary: fc.constantFrom<Who>('tec1', 'tec2', 'store') },
  { weight: 1, arbitrary: fc.constant<Who>('newcomer') },
);
/** New users' names: two members often pick the same one offline (the merge suffixes one of them). */
export const NEWCOMERS = ['nuria', 'pablo'];
export const nat = fc.nat(50);
export const text = fc.nat(TEXTS.length - 1);
export const writeArb: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ w: fc.constant('ticket.create' as const), text, customer: fc.boolean(), assign: fc.option(person, { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ w: fc.constant('ticket.edit' as const), pick: nat, field: fc.constantFrom('title' as const, 'description' as const, 'priority' as const), text }) },
  { weight: 2, arbitrary: fc.record({ w: fc.constant('ticket.note' as const), pick: nat, text }) },
  fc.record({ w: fc.constant('ticket.contact' as const), pick: nat, text }),
  fc.record({ w: fc.constant('ticket.status' as const), pick: nat, to: fc.constantFrom('open' as const, 'in_progress' as const, 'waiting' as const) }),
  fc.record({ w: fc.constant('ticket.assign' as const), pick: nat, to: fc.option(person, { nil: null }) }),
  fc.record({ w: fc.constant('ticket.close' as const), pick: nat }),
  fc.record({ w: fc.constant('ticket.reopen' as const), pick: nat }),
  { weight: 3, arbitrary: fc.record({ w: fc.constant('ot.request' as const), pick: nat, type: fc.nat(WORK_ORDER_TYPES.length - 1), tech: fc.constantFrom('tec1' as const, 'tec2' as const, null) }) },
  fc.record({ w: fc.constant('ot.schedule' as const), pick: nat, tech: fc.constantFrom('tec1' as const, 'tec2' as const) }),
  fc.record({ w: fc.constantFrom('ot.unschedule' as const, 'ot.start' as const, 'ot.complete' as const, 'ot.cancel' as const), pick: nat }),
  { weight: 2, arbitrary: fc.record({ w: fc.constantFrom('ot.start' as const, 'ot.complete' as const), pick: nat }) },
  fc.record({ w: fc.constant('ot.notes' as const), pick: nat, text }),
  { weight: 2, arbitrary: fc.record({ w: fc.constant('ot.addItem' as const), pick: nat, serial: fc.option(fc.nat(SERIALS.length - 1), { nil: null }), product: nat }) },
  fc.record({ w: fc.constant('ot.removeItem' as const), pick: nat }),
  fc.record({ w: fc.constant('telemetry' as const), pick: nat, value: fc.integer({ min: 200, max: 250 }) }),
  fc.record({ w: fc.constant('customer.create' as const), name: fc.nat(CUSTOMERS.length - 1) }),
  fc.record({ w: fc.constant('customer.update' as const), pick: nat, field: fc.constantFrom('notes' as const, 'address' as const, 'name' as const), text }),
  fc.record({ w: fc.constant('product.create' as const), sku: fc.nat(SKUS.length - 1) }),
  fc.record({ w: fc.constant('product.update' as const), pick: nat, text }),
  fc.record({ w: fc.constant('category.create' as const), name: fc.nat(CATEGORIES.length - 1) }),
  adminWriteArb(),
);

/** What only an administrator may do; also tried now and then by others (refused). */
export function adminWriteArb(): fc.Arbitrary<Write> {
  return fc.oneof(
    fc.record({ w: fc.constant('settings' as const), text }),
    fc.record({ w: fc.constant('role.grant' as const) }),
    fc.record({ w: fc.constant('user.promote' as const) }),
    fc.record({ w: fc.constant('user.rename' as const), person, text }),
    fc.record({ w: fc.constant('user.create' as const), name: fc.nat(NEWCOMERS.length - 1), role: fc.constantFrom('Agente' as const, 'Técnico' as const) }),
  );
}

/** Member numbers are drawn from 0..7 and folded onto the scenario's members, so steps and size shrink apart. */
export const MAX_MEMBERS = 8;
export const member = fc.nat(MAX_MEMBERS - 1);
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ s: fc.constant('write' as const), member, who: actor, write: writeArb }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('write' as const), member, who: fc.constant<Who>('admin'), write: adminWriteArb() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      s: fc.constant('send' as const),
      from: member,
      to: member,
      how: fc.constantFrom<Exchange>('all', 'all', 'duplicate', 'drop', 'prefix', 'crash'),
      pageSize: fc.integer({ min: 1, max: 20 }),
      picks: fc.array(fc.nat(30), { maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20 * MINUTE }) }) },
);

/** Folds member numbers onto the `members` that exist; a send always goes to another member. */
export function foldStep(step: Step, members: number): Step {
  if (step.s === 'wait') return step;
  if (step.s !== 'send') return { ...step, member: step.member % members };
  const from = step.from % members;
  const to = step.to % (members - 1);
  return { ...step, from, to: to >= from ? to + 1 : to };
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    members: fc.integer({ min: 2, max: MAX_MEMBERS }),
    skews: fc.array(fc.integer({ min: -10 * MINUTE, max: 10 * MINUTE }), { minLength: MAX_MEMBERS, maxLength: MAX_MEMBERS }),
    // One member a day fast (inside the 24 h window) in some runs.
    fast: fc.option(fc.nat(MAX_MEMBERS - 1), { nil: null, freq: 3 }),
    steps: fc.array(stepArb, { minLength: 1, maxLength: 250, size: 'max' }),
  })
  .map(({ members, skews, fast, steps }) => ({
    members,
    skews: skews.slice(0, members).map((skew, i) => (i === fast ? 23 * HOUR + skew : skew)),
    steps: steps.map((step) => foldStep(step, members)),
  }));

export function rowsOf(member: TeamMember, sql: string): { id: string; version: number; status: string }[] {
  return member.sqlite.prepare(sql).all() as { id: string; version: number; status: string }[];
}

/** The row version this member shows now: its writes name it, as a window would (18.17). */
function versionIn(member: TeamMember, table: string, id: string | undefined): number {
  const row = member.sqlite.prepare(`SELECT version FROM ${table} WHERE id = ?`).get(id ?? '') as { version: number } | undefined;
  return row?.version ?? 1;
}

function settingVersionsIn(member: TeamMember): Record<string, number> {
  const rows = member.sqlite.prepare('SELECT key, version FROM settings').all() as { key: string; version: number }[];
  return Object.fromEntries(rows.map((row) => [row.key, row.version]));
}

export const pickFrom = <T>(rows: readonly T[], pick: number): T | undefined => (rows.length === 0 ? undefined : rows[pick % rows.length]);

/** The channel and input for one write on one member, or null when there is nothing to act on. */
export function callFor(member: TeamMember, write: Write, people: TeamSeed['people']): { channel: ChannelName; input: unknown } | null {
  const tickets = () => rowsOf(member, 'SELECT id, version, status FROM tickets ORDER BY rowid');
  const workOrders = () => rowsOf(member, 'SELECT id, version, status FROM work_orders ORDER BY rowid');
  const at = member.clock.now();
  const inAnHour = new Date(at.getTime() + HOUR).toISOString();
  const call = <C extends ChannelName>(channel: C, input: InputOf<C>) => ({ channel, input });
  const idOf = (who: TeamPerson | null) => (who ? people[who] : null);
  switch (write.w) {
    case 'ticket.create': {
      const customer = pickFrom(rowsOf(member, 'SELECT id FROM customers ORDER BY rowid'), write.text);
      return call('tickets.create', {
        title: `${TEXTS[write.text]} (${member.index})`,
        description: TEXTS[(write.text + 1) % TEXTS.length],
        ...(write.customer && customer ? { customerId: customer.id } : {}),
        ...(write.assign ? { assignedToId: idOf(write.assign) } : {}),
      });
    }
    case 'ticket.edit': {
      const t = pickFrom(tickets(), write.pick);
      if (!t) return null;
      const value = write.field === 'priority' ? (['low', 'medium', 'high', 'critical'] as const)[write.text % 4] : `${TEXTS[write.text]} · m${member.index}`;
      return call('tickets.update', { id: t.id, version: t.version, [write.field]: value });
    }
    case 'ticket.note': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('tickets.addNote', { id: t.id, content: TEXTS[write.text] as string }) : null;
    }
    case 'ticket.contact': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('tickets.addContact', { id: t.id, channel: CONTACT_CHANNELS[write.text % CONTACT_CHANNELS.length] ?? 'phone', summary: TEXTS[write.text] as string }) : null;
    }
    case 'ticket.status': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('tickets.changeStatus', { id: t.id, status: write.to, version: t.version }) : null;
    }
    case 'ticket.assign': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('tickets.assign', { id: t.id, assignedToId: idOf(write.to), version: t.version }) : null;
    }
    case 'ticket.close': {
      const t = pickFrom(tickets(), write.pick);
      if (!t) return null;
      // Every OT still open is decided, as the close dialog asks: completed on even picks, cancelled on odd ones.
      const open = rowsOf(member, `SELECT id, version, status FROM work_orders WHERE ticket_id = '${t.id}' AND status NOT IN ('completed', 'cancelled') ORDER BY rowid`);
      const decide = (w: { id: string; version: number }) =>
        write.pick % 2 === 0 ? { id: w.id, version: w.version, action: 'complete' as const, workDone: 'Hecho al cerrar' } : { id: w.id, version: w.version, action: 'cancel' as const, reason: 'No hizo falta' };
      return call('tickets.close', { id: t.id, resolution: 'Resuelto', version: t.version, workOrders: open.map(decide) });
    }
    case 'ticket.reopen': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('tickets.reopen', { id: t.id, reason: 'Vuelve a fallar', version: t.version }) : null;
    }
    case 'ot.request': {
      const t = pickFrom(tickets(), write.pick);
      if (!t) return null;
      const type = WORK_ORDER_TYPES[write.type] ?? 'repair';
      return call('workOrders.requestVisit', { ticketId: t.id, otType: type, ...(write.tech ? { technicianId: people[write.tech], scheduledDate: inAnHour, confirmOverlap: true, recordsPastVisit: true } : {}) });
    }
    case 'ot.schedule': {
      const w = pickFrom(workOrders(), write.pick);
      return w ? call('workOrders.schedule', { id: w.id, version: w.version, scheduledDate: inAnHour, technicianId: people[write.tech], confirmOverlap: true, recordsPastVisit: true }) : null;
    }
    case 'ot.unschedule':
    case 'ot.start':
    case 'ot.complete':
    case 'ot.cancel': {
      const w = pickFrom(workOrders(), write.pick);
      if (!w) return null;
      if (write.w === 'ot.unschedule') return call('workOrders.unschedule', { id: w.id, version: w.version });
      if (write.w === 'ot.start') return call('workOrders.start', { id: w.id, version: w.version });
      if (write.w === 'ot.complete') return call('workOrders.complete', { id: w.id, version: w.version, workDone: 'Hecho' });
      return call('workOrders.cancel', { id: w.id, version: w.version, reason: 'Ya no hace falta' });
    }
    case 'ot.notes': {
      const w = pickFrom(workOrders(), write.pick);
      return w ? call('workOrders.updateNotes', { id: w.id, version: w.version, notes: `${TEXTS[write.text]} · m${member.index}` }) : null;
    }
    case 'ot.addItem': {
      const w = pickFrom(workOrders(), write.pick);
      const product = pickFrom(rowsOf(member, 'SELECT id FROM products ORDER BY rowid'), write.product);
      if (!w) return null;
      const serial = write.serial === null ? undefined : SERIALS[write.serial];
      // The same serial on two open OTs is confirmed, as the person would after the warning: the merge tests need it.
      return call('workOrders.addItem', { id: w.id, version: w.version, ...(serial ? { serialNumber: serial, confirmSerialElsewhere: true } : {}), ...(product ? { productId: product.id } : { description: 'Pieza suelta' }) });
    }
    case 'ot.removeItem': {
      const item = pickFrom(rowsOf(member, 'SELECT id, work_order_id AS status FROM work_order_items ORDER BY rowid'), write.pick);
      return item ? call('workOrders.removeItem', { id: item.status, version: versionIn(member, 'work_orders', item.status), itemId: item.id }) : null;
    }
    case 'telemetry': {
      const t = pickFrom(tickets(), write.pick);
      return t ? call('telemetry.record', { ticketId: t.id, readings: [{ metric: 'voltage', value: write.value, unit: 'V', measuredAt: at.toISOString() }] }) : null;
    }
    case 'customer.create':
      return call('customers.create', { name: CUSTOMERS[write.name] as string });
    case 'customer.update': {
      const c = pickFrom(rowsOf(member, 'SELECT id FROM customers ORDER BY rowid'), write.pick);
      return c ? call('customers.update', { id: c.id, version: versionIn(member, 'customers', c.id), [write.field]: `${TEXTS[write.text]} ${member.index}` }) : null;
    }
    case 'product.create':
      return call('products.create', { sku: SKUS[write.sku] as string, name: `Producto ${SKUS[write.sku]}`, tracksSerial: write.sku === 0 });
    case 'product.update': {
      const p = pickFrom(rowsOf(member, 'SELECT id FROM products ORDER BY rowid'), write.pick);
      return p ? call('products.update', { id: p.id, version: versionIn(member, 'products', p.id), description: TEXTS[write.text] as string }) : null;
    }
    case 'category.create':
      return call('categories.create', { name: CATEGORIES[write.name] as string });
    case 'settings':
      return call('settings.update', { versions: settingVersionsIn(member), companyName: `Servicios ${TEXTS[write.text]}`, companyPhone: `+34 ${member.index}` });
    case 'role.grant': {
      const role = member.sqlite.prepare('SELECT id, permissions FROM roles WHERE name = ?').get(STORE_ROLE.name) as { id: string; permissions: string } | undefined;
      const held = role ? (JSON.parse(role.permissions) as Permission[]) : [];
      const next = GRANTS.find((permission) => !held.includes(permission));
      return role && next ? call('roles.update', { id: role.id, version: versionIn(member, 'roles', role.id), permissions: [...held, next] }) : null;
    }
    case 'user.promote': {
      const supervisor = member.sqlite.prepare("SELECT id FROM roles WHERE name = 'Supervisor'").get() as { id: string };
      return call('users.update', { id: people.store, version: versionIn(member, 'users', people.store), roleId: supervisor.id });
    }
    case 'user.rename':
      return call('users.update', { id: people[write.person], version: versionIn(member, 'users', people[write.person]), fullName: `${write.person} ${TEXTS[write.text]}` });
    case 'user.create': {
      const name = NEWCOMERS[write.name] as string;
      const role = member.sqlite.prepare('SELECT id FROM roles WHERE name = ?').get(write.role) as { id: string };
      return call('users.create', { email: `${name}@example.com`, username: name, password: `${name}-password-1`, fullName: name, roleId: role.id });
    }
  }
}

/** Failures a person can cause offline are expected; anything else is a bug. */
export const EXPECTED_FAILURES = new Set(['CONFLICT', 'INVALID_TRANSITION', 'FORBIDDEN', 'VALIDATION', 'NOT_FOUND']);

/** The newest user made during the run that this member knows of, if any. */
export function newcomerOn(member: TeamMember, people: TeamSeed['people']): string | undefined {
  const row = member.sqlite.prepare('SELECT id FROM users WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY rowid DESC LIMIT 1').get(JSON.stringify(Object.values(people))) as
    | { id: string }
    | undefined;
  return row?.id;
}

export async function runWrite(member: TeamMember, who: Who, write: Write, people: TeamSeed['people']): Promise<string> {
  const planned = callFor(member, write, people);
  const userId = who === 'newcomer' ? newcomerOn(member, people) : people[who];
  if (!planned || !userId) return 'nothing to act on';
  const env = await member.asUser(userId).envelope(planned.channel, planned.input);
  if (env.ok) return 'ok';
  if (!EXPECTED_FAILURES.has(env.error.code)) throw new Error(`${planned.channel} failed unexpectedly: ${env.error.code} ${env.error.message}`);
  return env.error.code;
}
