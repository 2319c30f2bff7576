// Child process holding a lock on a database file, as another program would: prints "locked" once it holds it.
//   exclusive: PRAGMA locking_mode=EXCLUSIVE + a write (nobody else can even read) — held until killed.
//   open: an ordinary idle connection (an Emerald window left open) — held until killed.
//   write <ms>: an open write transaction for <ms>, then commit and exit.
import Database from 'better-sqlite3';

const [file, mode, holdMs] = process.argv.slice(2);
if (!file || !mode) throw new Error('usage: lock-holder.ts <file> exclusive|open|write [ms]');
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
if (mode === 'exclusive') {
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec("BEGIN EXCLUSIVE; COMMIT");
} else if (mode === 'open') {
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} else {
  db.exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('lock_holder', '1')");
}
process.stdout.write('locked\n');
if (mode === 'write') {
  // Block this process (not the test's) while holding the write lock.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdMs ?? 1500));
  db.exec('COMMIT');
  db.close();
  process.stdout.write('committed\n');
} else {
  setInterval(() => {}, 60_000);
}
