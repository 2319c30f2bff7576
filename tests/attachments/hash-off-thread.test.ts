// The upload's hash moved to libuv's pool (WebCrypto digest): the same hex as node:crypto's, for an empty file, a small
// one and one of several megabytes given as a view into a larger buffer (as a Buffer from the pool is).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexOffThread } from '../../electron/services/attachments';

describe('sha256HexOffThread', () => {
  it('gives the same hex as the synchronous hash', async () => {
    const big = randomBytes(9 * 1024 * 1024 + 17);
    const view = new Uint8Array(big.buffer, big.byteOffset + 5, big.length - 10);
    for (const bytes of [new Uint8Array(0), Buffer.from('foto del cuadro eléctrico'), big, view]) {
      expect(await sha256HexOffThread(bytes)).toBe(sha256Hex(bytes));
    }
  });
});
