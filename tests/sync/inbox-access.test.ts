// Who reaches the conflict inbox (issue 18, permission table): whoever may make some conflict's resolving edit — tickets
// (supervisors, agents) or the catalogs — and each sees only the conflicts on records they may change. A user admin,
// who may change no conflict's record, no longer reads ticket text through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcurrentEditConflictDto } from '../../electron/contract/conflicts';
import type { Permission } from '../../shared/enums';
import { removeTempDirs } from '../db/helpers';
import { errorOf, type DomainFixture } from '../domain/fixtures';
import type { Caller, TestApp } from '../support/backend';
import { later, meet, startTeam } from './scenarioTeam';

let f: DomainFixture;
let office: TestApp;
let laptop: TestApp;
let ticketId: string;

/** A signed-in user of the office with a new role holding only `permissions`. */
async function withOnly(name: string, permissions: Permission[]): Promise<Caller> {
  await office.admin.call('roles.create', { name, permissions });
  return (await office.userWithRole(name, name.toLowerCase().replace(/[^a-z]/g, ''), name)).caller;
}

beforeAll(async () => {
  const team = await startTeam(1);
  ({ f, office } = team);
  laptop = team.members[0]!;
  ticketId = (await f.admin.call('tickets.create', { title: 'Impresora no imprime', description: 'Atasco de papel' })).id;
  meet(office, laptop);
  await later(laptop, 60_000);
  // Offline on both: the same ticket's title edited, and the same new customer created.
  for (const [app, title, contactName] of [
    [office, 'Impresora HP no imprime', 'Luis'],
    [laptop, 'Impresora sin tóner', 'Marta'],
  ] as const) {
    const current = await app.admin.call('tickets.get', { id: ticketId });
    await app.admin.call('tickets.update', { id: ticketId, version: current.version, title });
    await app.admin.call('customers.create', { name: 'Talleres Gómez', contactName });
  }
  meet(office, laptop);
});

afterAll(() => {
  office?.close();
  laptop?.close();
  removeTempDirs();
});

const kinds = async (caller: Caller) =>
  (await caller.call('conflicts.list', { status: 'all' })).map((c) => (c.kind === 'concurrent_edit' ? `${c.entity}.${c.field}` : c.kind)).sort();

describe('the conflict inbox, by role', () => {
  it('an administrator and an agent see both conflicts', async () => {
    expect(await kinds(f.admin)).toEqual(['duplicate_customer', 'ticket.title']);
    expect(await kinds((await office.userWithRole('Agente', 'agente1', 'Alba Agente')).caller)).toEqual(['duplicate_customer', 'ticket.title']);
  });

  it('a catalog keeper sees the duplicate customer and not the ticket, and cannot resolve the ticket one', async () => {
    const catalog = await withOnly('Catalogo', ['catalog:write']);
    expect(await kinds(catalog)).toEqual(['duplicate_customer']);
    const ticketConflict = (await f.admin.call('conflicts.list', {})).find((c): c is ConcurrentEditConflictDto => c.kind === 'concurrent_edit');
    const hlc = ticketConflict!.values[0]!.hlc;
    const refused = await errorOf(catalog, 'conflicts.resolve', { id: ticketConflict!.id, resolution: { action: 'choose', hlc, note: 'El modelo es HP' } });
    expect([refused.code, refused.details?.reason]).toEqual(['FORBIDDEN', 'forbidden']);
  });

  it('a user admin (no conflict is on a user or role) and a technician are refused', async () => {
    for (const caller of [await withOnly('Usuarios', ['users:admin']), f.tec1.caller]) {
      const refused = await errorOf(caller, 'conflicts.list', {});
      expect([refused.code, refused.details?.reason]).toEqual(['FORBIDDEN', 'forbidden']);
    }
  });
});
