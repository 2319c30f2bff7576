// A loopback port nobody is listening on, for a test or bench that starts a server on a port it must name beforehand (a
// hub's --listen, the telemetry socket's setting) or come back on after a restart (a hub killed and started again). The
// kernel picks it; a race with another process is possible but short, and every caller fails clearly if the port was
// taken meanwhile.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
