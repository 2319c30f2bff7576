// Bodies on the wire, both ends: JSON, gzipped past GZIP_FROM_BYTES, never read past MAX_BODY_BYTES
// (the stream stops at the limit; nothing bigger is buffered or parsed).
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { gunzip, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { GZIP_FROM_BYTES, MAX_BODY_BYTES } from './protocol';

/** A refusal with its HTTP status and stable reason; the hub answers it as {error:{code, reason, message}}. */
export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

const tooLarge = (limit: number) => new WireError(413, 'too_large', `the body is larger than ${limit} bytes`);

/** Reads a whole body (request or response) up to `limit` bytes, inflating gzip up to the same limit. */
export async function readBody(message: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(message.headers['content-length'] ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  if (message.headers['content-encoding'] !== 'gzip') return raw;
  return new Promise((resolve, reject) =>
    gunzip(raw, { maxOutputLength: limit }, (error, inflated) => {
      if (!error) return resolve(inflated);
      reject((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge(limit) : new WireError(400, 'malformed', 'the body is not valid gzip'));
    }),
  );
}

/** Parses and checks a JSON body; a wrong shape is a 400 with the first problem named. */
export function parseJson<S extends z.ZodType>(schema: S, bytes: Buffer): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new WireError(400, 'malformed', 'the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WireError(400, 'malformed', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The bytes and headers of a JSON body, gzipped when large (and, for responses, when the other end accepts it). */
export function encodeJson(value: unknown, gzipAllowed = true): { body: Buffer; headers: OutgoingHttpHeaders } {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  if (!gzipAllowed || json.length < GZIP_FROM_BYTES) return { body: json, headers: { 'content-type': 'application/json', 'content-length': json.length } };
  const body = gzipSync(json);
  return { body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length } };
}
