// One add at a time per content hash in this process: a failed add may take back the file it created only while no
// other add of the same bytes is between "the file is there" and "the row is committed".
const tails = new Map<string, Promise<unknown>>();

export async function withShaLock<T>(sha256: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(sha256) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(sha256, tail);
  try {
    return await run;
  } finally {
    if (tails.get(sha256) === tail) tails.delete(sha256);
  }
}
