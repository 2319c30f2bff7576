import { describe, expect, it } from 'vitest';
import type { StartupReport } from '../../electron/services/jobs';
import { stopIfDamagedAfterStart } from '../../scripts/serve-startup';

const report = (ok: boolean, detail = 'ok'): StartupReport => ({ integrity: { ok, detail }, backup: null, backupError: null });

async function run(startup: StartupReport | null) {
  const stops: number[] = [];
  const written: string[] = [];
  const stopped = await stopIfDamagedAfterStart(Promise.resolve(startup), '/data/emerald.db', async (code) => void stops.push(code), (text) => void written.push(text));
  return { stopped, stops, text: written.join('') };
}

describe('browser mode after the start-up integrity check', () => {
  it('stops with exit code 1 and the restore advice when the file is damaged', async () => {
    const { stopped, stops, text } = await run(report(false, '*** in database main ***\nPage 12: btreeInitPage() returns error code 11'));
    expect(stopped).toBe(true);
    expect(stops).toEqual([1]);
    expect(text).toContain('/data/emerald.db');
    expect(text).toContain('*** in database main ***');
    expect(text).toMatch(/restore/i);
  });

  it('keeps serving when the check passed or did not run', async () => {
    for (const startup of [report(true), null]) {
      const { stopped, stops, text } = await run(startup);
      expect(stopped).toBe(false);
      expect(stops).toEqual([]);
      expect(text).toBe('');
    }
  });
});
