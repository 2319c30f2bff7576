// LAN trial (issue 13): a hub bound to 127.0.0.1:18443 announced "https://192.0.2.2:18443", an address it does not
// listen on. A hub announces only what it listens on: nothing from loopback, its one address when bound to one,
// every interface only when it listens on all of them. Pure checks: no multicast needed.
import { describe, expect, it } from 'vitest';
import { announcementScope, hubFromService, hubTxt } from '../../electron/services/sync/net/mdns';

const HUB = { port: 18443, name: 'Oficina', teamId: 'team-1', fingerprint: 'AB12 CD34 EF56' };

describe('LAN trial: discovery offers only addresses the hub listens on', () => {
  it('decides per listen address what may be announced', () => {
    expect(announcementScope('0.0.0.0')).toBe('all');
    expect(announcementScope('::')).toBe('all');
    expect(announcementScope('127.0.0.1')).toBe('none');
    expect(announcementScope('127.0.0.5')).toBe('none');
    expect(announcementScope('::1')).toBe('none');
    expect(announcementScope('192.168.1.20')).toBe('address');
  });

  it('a hub bound to one LAN address is heard at that address, not at the PC’s other interfaces', () => {
    const txt = hubTxt({ ...HUB, host: '192.168.1.20' });
    expect(txt.addr).toBe('192.168.1.20');
    const heard = { name: 'Oficina (abcd)', host: 'office.local', port: 18443, addresses: ['192.0.2.2', '192.168.1.20'], txt, referer: undefined };
    expect(hubFromService(heard)?.url).toBe('https://192.168.1.20:18443');
    // Without the record (every interface) the packet's first IPv4 is still used.
    expect(hubFromService({ ...heard, txt: hubTxt(HUB) })?.url).toBe('https://192.0.2.2:18443');
    expect(hubTxt({ ...HUB, host: '0.0.0.0' }).addr).toBeUndefined();
  });
});
