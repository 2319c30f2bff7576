// Hands a generated file (PDF, CSV, zip) to the user: a download in browser mode, a save dialog in Electron.
import type { FilePayload } from '../../../electron/contract';

export function saveFile(file: FilePayload): void {
  const blob = new Blob([file.bytes as BlobPart], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
