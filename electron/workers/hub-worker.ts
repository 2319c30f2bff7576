// The hub thread: hub mode's HTTPS server and its SQLite connection, apart from the engine (services/sync/net/hubThread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { serveHubThread, type HubThreadData } from '../services/sync/net/hubThread';

if (!parentPort) throw new Error('hub-worker runs only as a worker thread (startHubThread)');
void serveHubThread(parentPort, workerData as HubThreadData);
