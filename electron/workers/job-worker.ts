// The job worker thread: PDFs, backups, checks, imports and the index rebuild on connections of its own (electron/services/jobs).
import { parentPort, workerData } from 'node:worker_threads';
import { serveJobs, type JobPort } from '../services/jobs/runner';
import { bundleImportJob } from '../services/sync/bundle-import-job';
import type { JobWorkerData } from '../services/jobs/protocol';

if (!parentPort) throw new Error('job-worker must run as a worker thread');
serveJobs(parentPort as unknown as JobPort, workerData as JobWorkerData, { bundleImport: bundleImportJob });
