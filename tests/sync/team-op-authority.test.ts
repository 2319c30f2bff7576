// Who may author a replicated op, on a laptop: never more than the channels that write the table allow. The team
// tables (team_members, team_invitations) need full access as team.create/invite/join/revoke do, a conflict
// resolution the inbox's rights, a code alias a join's. The PostgreSQL hub decides the same (pg-parity.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { CONFLICT_INBOX_ACCESS } from '../../electron/contract/conflicts';
import { TEAM_ADMIN_ACCESS } from '../../electron/contract/team';
import { applyRemoteOps } from '../../electron/services/sync/apply';
import { entityOf } from '../../electron/services/sync/entities';
import { parseInvitation } from '../../electron/services/sync/teamInvitation';
import { removeTempDirs } from '../db/helpers';
import { ADMIN, startTestApp } from '../support/backend';
import { openEmptyCopy } from './support';
import { AUTHORITY_DEVICE, authorityCases } from './teamAuthorityOps';

afterAll(() => removeTempDirs());

const START = Date.parse('2026-11-30T09:00:00.000Z');

describe('replicated op authority matches the channels', () => {
  it('the team tables need full access, a resolution the inbox rights, an alias a join, grants stay within the author: others are forbidden', () => {
    const cases = authorityCases(START);
    const { sqlite } = openEmptyCopy();
    try {
      const outcome = sqlite.transaction(() => applyRemoteOps(sqlite, cases.map((c) => c.op), START + 3_600_000))();
      const statuses = sqlite.prepare('SELECT seq, status FROM sync_ops WHERE device_id = ? ORDER BY seq').all(AUTHORITY_DEVICE) as { seq: number; status: string }[];
      expect(statuses).toEqual(cases.map((c) => ({ seq: c.op.seq, status: c.expected })));
      expect(outcome.setAside.every((entry) => entry.reason === 'forbidden')).toBe(true);
      // Nothing of the forbidden ops reached the tables.
      expect(sqlite.prepare("SELECT id FROM team_invitations WHERE id LIKE 'auth-%' ORDER BY id").pluck().all()).toEqual(['auth-inv-2']);
      expect(sqlite.prepare("SELECT device_id, revoked_by FROM team_members WHERE device_id LIKE 'a17e%' ORDER BY device_id").all()).toEqual([
        { device_id: 'a17e0a17e0a17e03', revoked_by: 'auth-boss' },
      ]);
      expect(sqlite.prepare("SELECT id FROM conflict_resolutions WHERE id LIKE 'auth-%'").pluck().all()).toEqual(['auth-res-2']);
      expect(sqlite.prepare("SELECT id FROM code_aliases WHERE id LIKE 'auth-%'").pluck().all()).toEqual(['auth-alias-2']);
      expect(sqlite.prepare("SELECT id FROM customers WHERE id LIKE 'auth-%'").pluck().all()).toEqual([]);
      expect(sqlite.prepare("SELECT title, status, priority FROM tickets WHERE id LIKE 'auth-t-%'").all()).toEqual([
        { title: 'Cambiado en mostrador', status: 'in_progress', priority: 'low' },
      ]);
      // Nor the people and roles: no new superuser, no role widened or deleted, nobody stronger touched.
      expect(sqlite.prepare("SELECT id FROM users WHERE id LIKE 'auth-new-%' ORDER BY id").pluck().all()).toEqual(['auth-new-1']);
      expect(sqlite.prepare("SELECT id, permissions FROM roles WHERE id IN ('auth-r-users', 'auth-r-full', 'auth-r-settings') ORDER BY id").all()).toEqual([
        { id: 'auth-r-full', permissions: '["*"]' },
        { id: 'auth-r-settings', permissions: '["settings:admin"]' },
        { id: 'auth-r-users', permissions: '["users:admin","settings:admin"]' },
      ]);
      expect(sqlite.prepare("SELECT id, full_name, role_id, is_superuser FROM users WHERE id IN ('auth-desk', 'auth-full', 'auth-useradmin') ORDER BY id").all()).toEqual([
        { id: 'auth-desk', full_name: 'auth-desk', role_id: 'auth-r-desk', is_superuser: 0 },
        { id: 'auth-full', full_name: 'auth-full', role_id: 'auth-r-full', is_superuser: 0 },
        { id: 'auth-useradmin', full_name: 'auth-useradmin', role_id: 'auth-r-users', is_superuser: 0 },
      ]);
    } finally {
      sqlite.close();
    }
  });

  it('the declarations name the channels’ own constants', () => {
    expect(entityOf('team_members')?.permissions).toEqual([TEAM_ADMIN_ACCESS]);
    expect(entityOf('team_invitations')?.permissions).toEqual([TEAM_ADMIN_ACCESS]);
    expect(entityOf('conflict_resolutions')?.permissions).toEqual(CONFLICT_INBOX_ACCESS);
  });

  it("an invitation's directory marks as admin only users with full access (a joiner authors its membership as one)", async () => {
    const app = await startTestApp();
    try {
      const role = await app.admin.call('roles.create', { name: 'Usuarios', permissions: ['users:admin'] });
      await app.admin.call('users.create', { email: 'gestor@example.com', username: 'gestor', password: 'gestor-password-1', fullName: 'Gestor', roleId: role.id });
      const full = await app.admin.call('roles.create', { name: 'Dirección', permissions: ['*'] });
      await app.admin.call('users.create', { email: 'dir@example.com', username: 'direccion', password: 'direccion-password-1', fullName: 'Dirección', roleId: full.id });
      await app.admin.call('team.create', { name: 'Servicios Norte' });
      const file = await app.admin.call('team.invite', {});
      const { directory } = parseInvitation(Buffer.from(file.bytes).toString('utf8'));
      const admins = Object.fromEntries(directory.users.map((user) => [user.username, user.admin]));
      expect(admins).toEqual({ [ADMIN.username]: true, gestor: false, direccion: true });
    } finally {
      app.close();
    }
  });
});
