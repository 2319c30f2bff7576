// A wrong address typed for the hub: whatever answers there (a plain web server, another TLS server's 404 page)
// is "not a hub", never a wrong code nor someone else's edit.
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { AppError } from '../../electron/contract';
import { call } from '../../electron/services/sync/net/netRequest';
import { helloResponse } from '../../electron/services/sync/net/protocol';
import { serverPskOptions } from '../../electron/services/sync/net/tlsPsk';

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

async function listening(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function reasonAt(port: number, psk: Buffer): Promise<string | undefined> {
  const error = await call({ url: `https://127.0.0.1:${port}`, identity: 'device-0000', psk }, '/v1/hello', {}, helloResponse, { timeoutMs: 5000 }).then(
    () => null,
    (refused: unknown) => refused,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).details?.reason as string | undefined;
}

it('a plain web server at that address is not a hub', async () => {
  const port = await listening(createHttpServer((_req, res) => res.end('<html>router</html>')));
  expect(await reasonAt(port, randomBytes(32))).toBe('not_a_hub');
});

it('a TLS server that answers with a page of its own (not a hub refusal) is not a hub', async () => {
  const psk = randomBytes(32);
  const port = await listening(createHttpsServer(serverPskOptions(() => psk), (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('Not Found')));
  expect(await reasonAt(port, psk)).toBe('not_a_hub');
});
