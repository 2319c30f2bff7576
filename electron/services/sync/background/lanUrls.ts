// The addresses a member types to reach this hub: one per LAN interface when it listens on all of them.
import { networkInterfaces } from 'node:os';

const ANY = new Set(['0.0.0.0', '::', '']);

export function lanUrls(host: string, port: number): string[] {
  const url = (address: string) => `https://${address.includes(':') ? `[${address}]` : address}:${port}`;
  if (!ANY.has(host)) return [url(host)];
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => (info as { address: string }).address);
  // No LAN interface (a test box): loopback still works on this machine.
  return (addresses.length > 0 ? addresses : ['127.0.0.1']).map(url);
}
