// Small writers for node:http answers: JSON envelopes, error envelopes, file downloads.
import type { ServerResponse } from 'node:http';
import type { ErrorShape, FilePayload } from '../../contract';

const API_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...API_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ErrorShape, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, status, { ok: false, error }, headers);
}

export function isFilePayload(value: unknown): value is FilePayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<FilePayload>;
  return typeof candidate.fileName === 'string' && typeof candidate.mimeType === 'string' && candidate.bytes instanceof Uint8Array;
}

/** RFC 6266/5987: the UTF-8 file name, percent-encoded, including the characters encodeURIComponent leaves alone. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

export function sendFile(res: ServerResponse, file: FilePayload, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(200, {
    ...API_HEADERS,
    ...headers,
    'Content-Type': file.mimeType,
    'Content-Disposition': contentDisposition(file.fileName),
    'Content-Length': file.bytes.byteLength,
  });
  res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}
