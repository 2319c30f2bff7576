// The window's side of tests/sync/write-turns.test.ts, in a thread of its own as the engine is: on each message it
// takes an interactive write turn, inserts the row it names in its own connection to the file, and answers.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { WriteTurns } from '../../electron/services/writeTurns';

const { file, turnsBuffer } = workerData as { file: string; turnsBuffer: SharedArrayBuffer };
const sqlite = new Database(file);
sqlite.pragma('busy_timeout = 5000');
const turns = new WriteTurns(turnsBuffer);
parentPort?.on('message', (member: string) => {
  const leave = turns.enterInteractive();
  try {
    sqlite.transaction(() => sqlite.prepare('INSERT INTO pages (member) VALUES (?)').run(member)).immediate();
  } finally {
    leave();
  }
  parentPort?.postMessage(member);
});
parentPort?.postMessage('ready');
