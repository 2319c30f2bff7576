// The LAN hub (loopback) refuses a laptop that joined with an invitation an admin cancelled: its push is refused whole
// (invitation_cancelled), nothing of it written; a laptop that joined with an invitation still standing syncs as ever.
import { afterEach, expect, it } from 'vitest';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { deviceOf, joinOn } from './bundle-fixture';
import { adminContext, digestOf, makeCode, netWorld, servicesOf, reasonOf } from './net.helpers';
import { count, sqliteOf } from './team.helpers';

const world = netWorld();
afterEach(() => world.close());

it('refuses the push of a laptop that joined with a cancelled invitation and writes nothing of it', async () => {
  const { app: office, hub } = await world.hubApp();
  const fileOf = async (memberName: string) => {
    const file = JSON.parse(Buffer.from((await office.admin.call('team.invite', { memberName })).bytes).toString('utf8')) as { invitation: { id: string } };
    return { text: JSON.stringify(file), id: file.invitation.id };
  };
  const lost = await fileOf('Portátil perdido');
  const kept = await fileOf('Portátil de Ana');
  const finder = await world.app({ setup: false });
  joinOn(finder, lost.text, 'Portátil de nadie');
  const ana = await world.app({ setup: false });
  joinOn(ana, kept.text, 'Portátil de Ana');
  await office.admin.call('team.cancelInvitation', { id: lost.id });

  const ops = count(sqliteOf(office), 'SELECT count(*) AS n FROM sync_ops');
  const digest = digestOf(office);
  // A pairing code from someone at the office links it (the hub cannot tell yet); its first round is refused.
  const paired = await pairWithHub(adminContext(finder), { url: hub.url, code: await makeCode(office) });
  expect(paired.roundError).toMatch(/cancelled/);
  expect(await reasonOf(syncRound(servicesOf(finder)))).toBe('invitation_cancelled');
  expect(count(sqliteOf(office), 'SELECT count(*) AS n FROM sync_ops')).toBe(ops);
  expect(digestOf(office)).toBe(digest);
  expect(count(sqliteOf(office), 'SELECT count(*) AS n FROM team_members WHERE device_id = ?', deviceOf(sqliteOf(finder)))).toBe(0);

  // The same way in, with an invitation still standing: a member at once.
  expect((await pairWithHub(adminContext(ana), { url: hub.url, code: await makeCode(office) })).roundError).toBeNull();
  expect(sqliteOf(office).prepare('SELECT name FROM team_members WHERE device_id = ?').get(deviceOf(sqliteOf(ana)))).toEqual({ name: 'Portátil de Ana' });
  expect((await office.admin.call('team.status', {})).invitations).toEqual([]);
});
