// The customer page's contact links (tel:, mailto:, a map search) open in the system's apps; nothing else does.
import { describe, expect, it } from 'vitest';
import { hardenWebContents, isContactUrl, type HardenableContents } from '../../electron/main/security';

function hardened(openExternal?: (url: string) => void) {
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = { on: () => contents, setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler) };
  hardenWebContents(contents as unknown as HardenableContents, openExternal);
  return (url: string) => openHandler?.({ url });
}

const MAP = 'https://www.google.com/maps/search/?api=1&query=Pol%C3%ADgono%20La%20Isla%2C%20nave%2014%2C%20Dos%20Hermanas';

describe('contact links', () => {
  it('hands tel:, mailto: and the map search to the system and still opens no window', () => {
    const opened: string[] = [];
    const open = hardened((url) => opened.push(url));
    for (const url of ['tel:954712230', 'tel:+34954712230', 'mailto:rocio@zumosaljarafe.es', MAP]) expect(open(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['tel:954712230', 'tel:+34954712230', 'mailto:rocio@zumosaljarafe.es', MAP]);
  });

  it('opens nothing else: other sites, other schemes, a mailto with headers, a map URL with more than a query', () => {
    const opened: string[] = [];
    const open = hardened((url) => opened.push(url));
    const refused = [
      'https://example.com/',
      'https://www.google.com/maps/search/?api=1&query=x&foo=bar',
      'https://www.google.com.evil.example/maps/search/?api=1&query=x',
      'http://www.google.com/maps/search/?api=1&query=x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'tel:954 71 22 30',
      'mailto:a@b.es?bcc=c@d.es',
      'smb://server/share',
    ];
    for (const url of refused) {
      expect(isContactUrl(url), url).toBe(false);
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });

  it('without an opener (other web contents) nothing is handed out', () => {
    expect(hardened()('tel:954712230')).toEqual({ action: 'deny' });
  });
});
