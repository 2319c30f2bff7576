// Browser mode's answer to the after-start integrity check (the Electron shell shows a dialog and offers a restore):
// a damaged file stops the server with the words and restore advice a refused open prints, instead of serving on.
import { failureText } from '../db/failures';
import type { StartupReport } from '../electron/services/jobs';

/** Resolves true once it has asked to stop (damaged file), false when the check passed or did not run. */
export async function stopIfDamagedAfterStart(
  startup: Promise<StartupReport | null>,
  file: string,
  stop: (exitCode: number) => Promise<void>,
  write: (text: string) => void,
): Promise<boolean> {
  const report = await startup;
  if (!report || report.integrity.ok) return false;
  write(`error: ${failureText('corrupt', file, report.integrity.detail.split('\n')[0], { advice: true })} (corrupt)\nstopping browser mode.\n`);
  await stop(1);
  return true;
}
