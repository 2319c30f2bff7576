// "127.0.0.1:7443", "0.0.0.0:7443", "[::]:7443", ":7443", "7443" or "host": where a hub listens (all interfaces,
// port 7443 when left out).
import { AppError } from '../../../contract';

export const DEFAULT_HUB_PORT = 7443;
const DEFAULT_HOST = '0.0.0.0';

function bad(text: string): AppError {
  return new AppError('VALIDATION', `not a listen address: "${text}" (use HOST:PORT, e.g. 0.0.0.0:7443)`, { reason: 'bad_listen', field: 'listen' });
}

export function parseListenAddress(text: string): { host: string; port: number } {
  const value = text.trim();
  let host: string;
  let port: string | undefined;
  if (/^\d+$/.test(value)) [host, port] = [DEFAULT_HOST, value];
  else if (value.startsWith('[')) {
    const match = /^\[([0-9a-fA-F:]+)\](?::(\d+))?$/.exec(value);
    if (!match) throw bad(text);
    [host, port] = [match[1] as string, match[2]];
  } else {
    const parts = value.split(':');
    if (parts.length > 2) throw bad(text);
    [host, port] = [parts[0] || DEFAULT_HOST, parts[1]];
  }
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw bad(text);
  const number = port === undefined ? DEFAULT_HUB_PORT : Number(port);
  if (number > 65535 || !/^[A-Za-z0-9.:-]+$/.test(host)) throw bad(text);
  return { host, port: number };
}
