// The job worker (issue 17): long jobs on a thread and a connection of their own. The worker side is runner.ts,
// loaded only by electron/workers/job-worker.ts.
export { JobWorker, type RunOptions } from './client';
export { fromWireError, jobCancelledError, toWireError, type WireError, type JobInput, type JobKind, type JobKinds, type JobOutput, type JobProgress } from './protocol';
export { checkBackupInJobWorker, latestRestorableBackup } from './restoreCheck';
export { runStartupJobs, type StartupJobsOptions, type StartupReport } from './startup';
export { openWriter } from './writer';
