// The engine worker thread: the router, services and the SQLite connection (electron/ipc/engine/engine-side.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runEngine } from '../ipc/engine/engine-side';
import type { EngineWorkerOptions } from '../ipc/engine/protocol';

if (!parentPort) throw new Error('engine-worker runs only as a worker thread (startEngineWorker)');
void runEngine(parentPort, workerData as EngineWorkerOptions);
