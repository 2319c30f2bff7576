// The hub's attachment-file routes: which hashes it lacks (JSON), and one original per request as raw bytes, up to
// the attachments' own limit (not the JSON limit). Bytes are kept only when their sha256 is the one in the path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSha256Hex } from '../../../../db/attachment-files';
import { MAX_ATTACHMENT_BYTES } from '../../../contract/attachments';
import { sha256HexOffThread } from '../../attachments';
import { parseJson, readBody, WireError } from './httpBody';
import type { RouteContext } from './hubRoutes';
import { filesMissingRequest, PROTOCOL_PATHS } from './protocol';

/** File bodies being read or sent at once: thirty laptops uploading photos never hold thirty 25 MB buffers. */
const MAX_FILE_TRANSFERS = 4;
let active = 0;
const queue: (() => void)[] = [];

async function oneTransfer<T>(work: () => Promise<T>): Promise<T> {
  if (active >= MAX_FILE_TRANSFERS) await new Promise<void>((resolve) => queue.push(resolve));
  active++;
  try {
    return await work();
  } finally {
    active--;
    queue.shift()?.();
  }
}

const unsupported = () => new WireError(404, 'files_unsupported', 'this hub does not keep attachment files');

export function isFileRoute(url: string): boolean {
  return url === PROTOCOL_PATHS.filesMissing || url.startsWith(PROTOCOL_PATHS.file);
}

/** Answers a file route (isFileRoute) for a linked device in good standing. */
export async function routeFile(ctx: RouteContext, url: string, req: IncomingMessage, res: ServerResponse, sendJson: (status: number, value: unknown) => void): Promise<void> {
  const { store } = ctx;
  if (url === PROTOCOL_PATHS.filesMissing) {
    if (req.method !== 'POST') throw new WireError(405, 'method_not_allowed', `use POST for ${url}`);
    const { hashes } = parseJson(filesMissingRequest, await readBody(req));
    if (!store.missingFiles) throw unsupported();
    return sendJson(200, { missing: await store.missingFiles(hashes) });
  }
  const sha256 = url.slice(PROTOCOL_PATHS.file.length);
  if (!isSha256Hex(sha256)) throw new WireError(400, 'malformed', 'a file is named by its sha256 in lowercase hex');
  if (req.method === 'GET') {
    if (!store.getFile) throw unsupported();
    const getFile = store.getFile.bind(store);
    return oneTransfer(async () => {
      const bytes = await getFile(sha256);
      if (!bytes) throw new WireError(404, 'file_missing', 'the hub does not have these bytes (yet)');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
    });
  }
  if (req.method !== 'POST') throw new WireError(405, 'method_not_allowed', `use GET or POST for ${url}`);
  if (!store.putFile) throw unsupported();
  const putFile = store.putFile.bind(store);
  return oneTransfer(async () => {
    const bytes = await readBody(req, MAX_ATTACHMENT_BYTES);
    if (bytes.length === 0) throw new WireError(400, 'empty_file', 'an attachment file is never empty');
    if ((await sha256HexOffThread(bytes)) !== sha256) throw new WireError(400, 'hash_mismatch', 'the bytes do not have the sha256 they were sent under');
    const { stored, events } = await putFile(sha256, bytes);
    ctx.applied(events);
    sendJson(200, { stored });
  });
}
