// TLS with pre-shared keys for both ends: TLS 1.3 only, no certificates, no plaintext, no fallback.
// A peer that does not hold the key for its identity cannot finish the handshake (nor can a man in the middle).
import type { ConnectionOptions, TlsOptions, TLSSocket } from 'node:tls';

/** TLS 1.3 suites (PSK with ECDHE: forward secrecy even if a link key leaks later). */
const TLS13_SUITES = 'TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256';

export const PAIR_IDENTITY_PREFIX = 'pair:';
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** The server side: `keyFor` answers the key of an identity, or null to refuse the handshake. */
export function serverPskOptions(keyFor: (socket: TLSSocket, identity: string) => Buffer | null): TlsOptions {
  return {
    minVersion: 'TLSv1.3',
    ciphers: TLS13_SUITES,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    pskCallback: (socket, identity) => keyFor(socket, identity),
  };
}

/** The client side: always this identity and key; the server's name is not checked (there is no certificate). */
export function clientPskOptions(identity: string, psk: Buffer): ConnectionOptions {
  return {
    minVersion: 'TLSv1.3',
    ciphers: TLS13_SUITES,
    pskCallback: () => ({ identity, psk }),
    checkServerIdentity: () => undefined,
  };
}
