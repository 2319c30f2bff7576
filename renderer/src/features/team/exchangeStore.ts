// Bundle exchange as jobs: start → progress events → result (a .emsync to save, or what an import applied).
import { sessionStore } from '../../stores/sessionStores';
import type { SyncJobDto, SyncJobKind } from '../../../../electron/contract/sync';
import { api } from '../../api/client';
import { saveFile } from '../../lib/download';
import { uiLanguage } from '../../lib/reportLanguage';
import { useTeamStatus } from './statusStore';
import { uploadBundle } from './upload';

/** Nothing: everything this copy holds, for any member; `to`: what that member lacks; or a snapshot. */
export interface ExportTarget {
  to?: string;
  snapshot?: boolean;
}

/** The job as the screen shows it; 'uploading' is the import's file still on its way, before the job exists. */
export interface ExchangeJob extends Omit<SyncJobDto, 'jobId' | 'status'> {
  jobId: string | null;
  status: SyncJobDto['status'] | 'uploading';
  /** Open conflicts before an import, so its result can say how many are new. */
  conflictsBefore: number;
  /** The member an export is for, by name; null for any member (or an import). */
  forName: string | null;
  /** An export that carries no change: its file is not handed over unless asked for (saveHeld). */
  held: boolean;
}

/** A finished export with no change in it: a file that would bring the other computer nothing. */
export const carriesNothing = (summary: SyncJobDto['summary']): boolean =>
  summary !== null && 'fileName' in summary && summary.kind === 'ops' && summary.ops === 0;

interface ExchangeState {
  job: ExchangeJob | null;
  /** A refusal outside the job (an upload or a start refused, a channel error). */
  error: unknown;
  startExport(target: ExportTarget): Promise<void>;
  startImport(file: File): Promise<void>;
  /** Hands over the file of an export that carries no change, once the person asks for it anyway. */
  saveHeld(): Promise<void>;
  cancel(): Promise<void>;
  refresh(jobId: string, progress?: { done: number; total: number }): Promise<void>;
}

const fresh = (kind: SyncJobKind, status: ExchangeJob['status'], total = 0, forName: string | null = null): ExchangeJob => ({
  jobId: null,
  kind,
  status,
  done: 0,
  total,
  error: null,
  summary: null,
  queuePosition: null,
  conflictsBefore: useTeamStatus.getState().status?.openConflicts ?? 0,
  forName,
  held: false,
});

/** Saves the finished export's file (a download, or the desktop's save dialog); false when it could not be fetched. */
async function handOver(jobId: string, fail: (error: unknown) => void): Promise<boolean> {
  try {
    saveFile(await api.call('sync.exportResult', { jobId }));
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

const memberName = (deviceId: string | undefined): string | null =>
  (deviceId && useTeamStatus.getState().status?.members.find((m) => m.deviceId === deviceId)?.name) || null;

// A queued job (waiting for this user's other export or import) is active too: it will run, and can be cancelled.
/** Still to finish on the backend: running, or queued behind this user's other job. */
const pending = (status: string | undefined): boolean => status === 'running' || status === 'queued';

export const isActive = (job: ExchangeJob | null): boolean => job?.status === 'running' || job?.status === 'uploading' || job?.status === 'queued';

export const useExchange = sessionStore<ExchangeState>('teamExchange', (set, get) => ({
  job: null,
  error: null,

  async startExport(target) {
    if (isActive(get().job)) return;
    const forName = target.snapshot ? null : memberName(target.to);
    set({ error: null, job: fresh('export', 'running', 0, forName) });
    try {
      // The file is named in the language the screen shows ("emerald-cambios-para-…").
      const { jobId } = await api.call('sync.exportStart', { ...target, language: uiLanguage() });
      set({ job: { ...fresh('export', 'running', 0, forName), jobId } });
      // It may be finished before the first progress event arrives.
      await get().refresh(jobId);
    } catch (error) {
      set({ error, job: null });
    }
  },

  async startImport(file) {
    if (isActive(get().job)) return;
    set({ error: null, job: fresh('import', 'uploading', file.size) });
    try {
      const jobId = await uploadBundle(file, (sent) => {
        const job = get().job;
        if (job?.status === 'uploading') set({ job: { ...job, done: sent } });
      });
      const job = get().job;
      set({ job: { ...(job ?? fresh('import', 'running')), jobId, status: 'running', done: 0, total: 0 } });
      await get().refresh(jobId);
    } catch (error) {
      set({ error, job: null });
    }
  },

  async saveHeld() {
    const job = get().job;
    if (!job?.jobId || !job.held) return;
    if ((await handOver(job.jobId, (error) => set({ error }))) && get().job?.jobId === job.jobId) set({ job: { ...job, held: false } });
  },

  async cancel() {
    const job = get().job;
    if (!job?.jobId || !pending(job.status)) return;
    try {
      await api.call('sync.jobCancel', { jobId: job.jobId });
    } catch (error) {
      set({ error });
    }
    await get().refresh(job.jobId);
  },

  async refresh(jobId, progress) {
    const current = get().job;
    // Only a running or queued job changes; a finished export is forgotten by the backend once its file is fetched.
    if (!current || current.jobId !== jobId || !pending(current.status)) return;
    if (progress) set({ job: { ...current, done: progress.done, total: progress.total } });
    let status: SyncJobDto;
    try {
      status = await api.call('sync.jobStatus', { jobId });
    } catch (error) {
      if (get().job?.jobId === jobId && pending(get().job?.status)) set({ error });
      return;
    }
    const latest = get().job;
    if (latest?.jobId !== jobId || !pending(latest.status)) return;
    const exported = status.status === 'done' && status.kind === 'export';
    // A file that carries no change is not handed over unasked: the result says so, and offers it (ResultLine).
    const held = exported && carriesNothing(status.summary);
    set({ job: { ...latest, ...status, held } });
    if (pending(status.status)) return;
    void useTeamStatus.getState().load();
    if (exported && !held) await handOver(jobId, (error) => set({ error }));
  },
}));
