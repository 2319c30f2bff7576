// The sync protocol's messages and limits: JSON bodies checked with zod on arrival, on both ends.
import { z } from 'zod';
import { isDeviceId } from '../hlc';

export const PROTOCOL_PATHS = {
  pair: '/v1/pair',
  hello: '/v1/hello',
  push: '/v1/push',
  pull: '/v1/pull',
  snapshot: '/v1/snapshot',
  wait: '/v1/wait',
  /** Which of these attachment hashes the hub lacks (JSON). */
  filesMissing: '/v1/files/missing',
  /** Prefix of one attachment original, `/v1/file/<sha256>`: POST its raw bytes, GET them back. */
  file: '/v1/file/',
} as const;
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Ops a page may hold (what the hub accepts and a peer may send). */
export const MAX_PAGE_OPS = 2000;
/** Ops per page sent: small enough that applying or reading one page holds the hub's event loop only briefly. */
export const OPS_PAGE_SIZE = 500;
/** Bodies past this size travel gzipped (both ways). */
export const GZIP_FROM_BYTES = 64 * 1024;

const deviceId = z.string().refine(isDeviceId, 'not a device id');
const vector = z.record(z.string().refine(isDeviceId, 'not a device id'), z.number().int().min(0));

export const opSchema = z.strictObject({
  deviceId,
  seq: z.number().int().min(1),
  hlc: z.string().min(1).max(80),
  entity: z.string().min(1).max(64),
  rowId: z.string().min(1).max(200),
  kind: z.enum(['insert', 'update', 'delete']),
  fields: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.string()).nullable(),
  authorId: z.string().max(200).nullable(),
  schemaVersion: z.number().int().min(1),
});

export const pairRequest = z.strictObject({
  deviceId,
  name: z.string().max(200),
  publicKey: z.string().min(1).max(2000),
  /** The team the device is in already (link only), or null (a newcomer: it gets an invitation). */
  teamId: z.string().min(1).max(64).nullable(),
  schemaVersion: z.number().int().min(1),
});

export const pairResponse = z.strictObject({
  hub: z.strictObject({ deviceId, name: z.string(), publicKey: z.string(), fingerprint: z.string() }),
  linkKey: z.string().min(1).max(100),
  /** The .eminvite content for a newcomer; null for a member that only links. */
  invitation: z.unknown().nullable(),
});

export const helloResponse = z.strictObject({ deviceId, name: z.string(), vector });

export const pushRequest = z.strictObject({ ops: z.array(opSchema).max(MAX_PAGE_OPS) });
export const pushResponse = z.strictObject({
  applied: z.number().int(),
  duplicates: z.number().int(),
  gaps: z.number().int(),
  setAside: z.number().int(),
  vector,
});

export const pullRequest = z.strictObject({ vector });
export const pullResponse = z.strictObject({ ops: z.array(opSchema).max(MAX_PAGE_OPS), more: z.boolean(), hubVector: vector });

/** Answer once the hub holds ops `vector` lacks, or after timeoutMs (at most 25 s). */
export const waitRequest = z.strictObject({ vector, timeoutMs: z.number().int().min(0).max(25_000) });
export const waitResponse = z.strictObject({ changed: z.boolean(), hubVector: vector });

/** Hashes asked about per request (65 bytes each in JSON). */
export const MAX_FILE_HASHES = 1000;
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256');
export const filesMissingRequest = z.strictObject({ hashes: z.array(sha256).max(MAX_FILE_HASHES) });
export const filesMissingResponse = z.strictObject({ missing: z.array(sha256).max(MAX_FILE_HASHES) });
export const filePutResponse = z.strictObject({ stored: z.boolean() });

export const errorBody = z.object({ error: z.object({ code: z.string(), reason: z.string(), message: z.string() }) });

export type PairRequest = z.infer<typeof pairRequest>;
export type PairResponse = z.infer<typeof pairResponse>;
export type PushResponse = z.infer<typeof pushResponse>;
export type PullResponse = z.infer<typeof pullResponse>;
export type Vector = z.infer<typeof vector>;
