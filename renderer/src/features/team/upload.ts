// Sends a picked .emsync to the backend in base64 pieces (browser mode caps a request at 2 MB), then starts its import.
import { MAX_UPLOAD_CHUNK_CHARS } from '../../../../electron/contract/sync';
import { api } from '../../api/client';

// Whole base64 quanta: 3 bytes → 4 characters, so every piece decodes on its own.
const CHUNK_BYTES = Math.floor(MAX_UPLOAD_CHUNK_CHARS / 4) * 3;

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Uploads `file` piece by piece (`onSent` after each, in bytes) and starts the import job; returns its id. */
export async function uploadBundle(file: File, onSent: (bytes: number) => void): Promise<string> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const end = Math.min(file.size, offset + CHUNK_BYTES);
    const chunk = await base64Of(file.slice(offset, end));
    const answer = await api.call('sync.uploadChunk', { chunk, last: end >= file.size, ...(uploadId ? { uploadId } : {}) });
    uploadId = answer.uploadId;
    offset = end;
    onSent(offset);
  } while (offset < file.size);
  const { jobId } = await api.call('sync.importStart', { uploadId });
  return jobId;
}
