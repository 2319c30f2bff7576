// Hardening every webContents and the session: no navigation away, no new windows, no permission but our own pages'
// camera, no remote content.
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

/** Schemes a page of ours may load: our own protocol, inline data and blobs, and DevTools' own pages. */
const LOADABLE = /^(app|data|blob|devtools):/i;

export function isLoadableUrl(url: string): boolean {
  return LOADABLE.test(url) && (!/^app:/i.test(url) || isAppUrl(url));
}

/** What the customer page may hand to the system (a phone call, an email, a map search); nothing else leaves the app. */
export function isContactUrl(url: string): boolean {
  return (
    /^tel:\+?[0-9]{1,30}$/.test(url) ||
    /^mailto:[^\s<>"'?&#]{1,254}$/.test(url) ||
    /^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=[A-Za-z0-9%._~-]{1,2000}$/.test(url)
  );
}

/** `openExternal`: where a contact link goes (the system's phone, mail or browser); every other new window is denied. */
export function hardenWebContents(contents: HardenableContents, openExternal?: (url: string) => void): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal && isContactUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** The one permission granted: the camera (video only, no microphone) for our own pages, to photograph a job. */
export function isCameraForApp(permission: string, url: string | undefined, mediaTypes?: readonly string[]): boolean {
  return permission === 'media' && url !== undefined && isAppUrl(url) && (mediaTypes === undefined || mediaTypes.every((type) => type === 'video'));
}

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isCameraForApp(permission, details?.requestingUrl, (details as { mediaTypes?: string[] } | undefined)?.mediaTypes ?? [])),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isCameraForApp(permission, requestingOrigin));
  // No remote content: anything that is not our protocol (or inline data) never leaves the machine.
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLoadableUrl(details.url) }));
}
