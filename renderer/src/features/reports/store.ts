// Reports: CSV exports and the batch export job (start → progress events → zip → save).
import { sessionStore } from '../../stores/sessionStores';
import type { ReportJobDto } from '../../../../electron/contract/reports';
import { api } from '../../api/client';
import { saveFile } from '../../lib/download';

export type BatchDateField = 'scheduled_date' | 'completed_at' | 'created_at';

interface ReportsState {
  job: ReportJobDto | null;
  /** The job whose zip was already handed to the user (so a late event does not save it twice). */
  savedJobId: string | null;
  error: unknown;
  startBatch(input: { from: string; to: string; dateField: BatchDateField; language: 'es' | 'en' }): Promise<void>;
  cancelBatch(): Promise<void>;
  refreshJob(jobId: string, progress?: { done: number; total: number }): Promise<void>;
  downloadBatch(): Promise<void>;
  reset(): void;
}

export const useReports = sessionStore<ReportsState>('reports', (set, get) => ({
  job: null,
  savedJobId: null,
  error: null,

  async startBatch(input) {
    set({ error: null, job: null });
    try {
      const { jobId } = await api.call('reports.batchStart', input);
      set({ job: { jobId, status: 'running', done: 0, total: 0, error: null, queuePosition: null } });
      // It may already be finished before the first progress event reaches us.
      await get().refreshJob(jobId);
    } catch (error) {
      set({ error });
    }
  },

  async cancelBatch() {
    const job = get().job;
    if (!job || (job.status !== 'running' && job.status !== 'queued')) return;
    try {
      set({ job: await api.call('reports.batchCancel', { jobId: job.jobId }) });
    } catch (error) {
      set({ error });
    }
  },

  async refreshJob(jobId, progress) {
    const current = get().job;
    if (!current || current.jobId !== jobId) return;
    if (progress && current.status === 'running') set({ job: { ...current, done: progress.done, total: progress.total } });
    try {
      const job = await api.call('reports.batchStatus', { jobId });
      if (get().job?.jobId !== jobId) return;
      set({ job });
      if (job.status === 'done' && get().savedJobId !== jobId) {
        set({ savedJobId: jobId });
        await get().downloadBatch();
      }
    } catch (error) {
      set({ error });
    }
  },

  async downloadBatch() {
    const job = get().job;
    if (!job) return;
    try {
      saveFile(await api.call('reports.batchResult', { jobId: job.jobId }));
    } catch (error) {
      set({ error });
    }
  },

  reset() {
    set({ job: null, error: null });
  },
}));
