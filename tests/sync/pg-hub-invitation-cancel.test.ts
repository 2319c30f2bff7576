// The central hub refuses, as the LAN hub does, a laptop that joined with an invitation an admin cancelled: a team
// adopted into PostgreSQL whose founder still hands out invitation files; the founder cancels a lost one, the
// cancellation reaches the hub in a round, and the laptop that joined with it is refused (nothing of its push written).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { startHub } from '../../electron/services/sync/net/hubServer';
import { adoptPgHub } from '../../electron/services/sync/pg/pgHubAdopt';
import { openPgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { openHubDatabase } from '../../electron/services/sync/pg/pgHubSetup';
import { pgActingAdmin, pgMakePairingCode } from '../../electron/services/sync/pg/pgPairingCodes';
import { removeTempDirs, tempDir } from '../db/helpers';
import type { TestApp } from '../support/backend';
import { deviceOf, joinOn } from './bundle-fixture';
import { adminContext, servicesOf, reasonOf } from './net.helpers';
import { pgHubSuite } from './pg-hub.helpers';
import { sqliteOf } from './team.helpers';

const { world, cluster } = pgHubSuite();

/** `team invite` on the founder: the file's text and the invitation's id. */
async function inviteOn(founder: TestApp, memberName: string): Promise<{ text: string; id: string }> {
  const text = Buffer.from((await founder.admin.call('team.invite', { memberName })).bytes).toString('utf8');
  return { text, id: (JSON.parse(text) as { invitation: { id: string } }).invitation.id };
}

it('refuses the push of a laptop that joined with an invitation the founder cancelled; the name typed reaches the hub', async () => {
  const founder = await world.app();
  await founder.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const files = tempDir();
  const invite = path.join(files, 'hub.eminvite');
  writeFileSync(invite, (await inviteOn(founder, 'Hub central')).text);
  const bundle = path.join(files, 'founder.emsync');
  await exportBundle(servicesOf(founder), { out: bundle, full: true });
  const pool = await openHubDatabase(await cluster().createDatabase());
  const adopted = await adoptPgHub(pool, { inviteFile: invite, bundleFile: bundle, deviceName: 'Hub central' });
  const store = await openPgHubStore({ pool });
  const hub = await startHub({ store, listen: { host: '127.0.0.1', port: 0 }, mdns: false });
  const value = async (sql: string, params: unknown[] = []) => Object.values((await pool.query(sql, params)).rows[0] ?? {})[0];
  try {
    const admin = await pgActingAdmin(pool, undefined);
    const code = async () => {
      const made = await pgMakePairingCode(pool, admin.id, new Date());
      await store.refreshKeys();
      return made.code;
    };
    await pairWithHub(adminContext(founder), { url: hub.url, code: await code() });

    const lost = await inviteOn(founder, 'Portátil perdido');
    const kept = await inviteOn(founder, 'Portátil de Ana');
    const finder = await world.app({ setup: false });
    joinOn(finder, lost.text, 'Portátil de nadie');
    const ana = await world.app({ setup: false });
    joinOn(ana, kept.text, 'Portátil de Ana');
    await founder.admin.call('team.cancelInvitation', { id: lost.id });
    await syncRound(servicesOf(founder), adopted.deviceId);
    expect(await value('SELECT member_name FROM team_invitations WHERE id = $1', [lost.id])).toBe('Portátil perdido');
    expect(await value('SELECT count(*)::int FROM team_invitation_cancellations WHERE invitation_id = $1', [lost.id])).toBe(1);

    const state = async () => ({
      ops: await value('SELECT count(*)::int FROM sync_ops'),
      members: await value('SELECT count(*)::int FROM team_members'),
      customers: await value('SELECT count(*)::int FROM customers'),
    });
    const before = await state();
    const paired = await pairWithHub(adminContext(finder), { url: hub.url, code: await code() });
    expect(paired.roundError).toMatch(/cancelled/);
    expect(await reasonOf(syncRound(servicesOf(finder), adopted.deviceId))).toBe('invitation_cancelled');
    expect(await state()).toEqual(before);
    expect(await value('SELECT count(*)::int FROM team_members WHERE device_id = $1', [deviceOf(sqliteOf(finder))])).toBe(0);

    // An invitation still standing: the laptop is a member of the hub after its first round.
    expect((await pairWithHub(adminContext(ana), { url: hub.url, code: await code() })).roundError).toBeNull();
    expect(await value('SELECT name FROM team_members WHERE device_id = $1', [deviceOf(sqliteOf(ana))])).toBe('Portátil de Ana');
  } finally {
    await hub.close();
    await store.close();
    await pool.end();
    removeTempDirs();
  }
});
