// Crash safety: a writer killed with SIGKILL at random moments never loses a change it reported as committed.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { Child, removeTempDirs, tempDir } from './support';

const ROUNDS = 20;

afterAll(removeTempDirs);

function committedIn(lines: string[]) {
  const tickets = lines.filter((l) => l.startsWith('ticket ')).map((l) => l.slice('ticket '.length));
  const notes = lines
    .filter((l) => l.startsWith('note '))
    .map((l) => {
      const [, ticketId, ...content] = l.split(' ');
      return { ticketId: ticketId as string, content: content.join(' ') };
    });
  return { tickets, notes };
}

describe('crash safety', () => {
  it(`keeps every reported commit and a sound file across ${ROUNDS} SIGKILLs at random moments`, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    const reportedTickets = new Set<string>();
    const reportedNotes: { ticketId: string; content: string }[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const writer = await Child.start('writer.ts', [dir]);
      await writer.waitFor((line) => line === 'ready');
      // Kill somewhere between 1 and 15 commits in, mid-transaction as often as not.
      const target = 1 + Math.floor(Math.random() * 15);
      await writer.waitFor(() => writer.lines.filter((l) => l.startsWith('ticket ') || l.startsWith('note ')).length >= target);
      await writer.kill();
      const { tickets, notes } = committedIn(writer.lines);
      for (const id of tickets) reportedTickets.add(id);
      reportedNotes.push(...notes);

      // Reopen as the app would (quick_check inside), then the full integrity check and every reported row.
      const reopened = openDatabase(file);
      try {
        expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(reopened.sqlite.pragma('foreign_key_check')).toEqual([]);
        const present = new Set(
          (reopened.sqlite.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id),
        );
        const missing = [...reportedTickets].filter((id) => !present.has(id));
        expect(missing, `round ${round}: tickets reported committed but missing`).toEqual([]);
        const noteCheck = reopened.sqlite.prepare("SELECT count(*) AS n FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'note' AND content = ?");
        const missingNotes = reportedNotes.filter((n) => (noteCheck.get(n.ticketId, n.content) as { n: number }).n !== 1);
        expect(missingNotes, `round ${round}: notes reported committed but missing`).toEqual([]);
      } finally {
        reopened.close();
      }
    }
    // The test proved something only if the writers actually committed work before dying.
    expect(reportedTickets.size).toBeGreaterThanOrEqual(ROUNDS);

    // Every ticket has its creation event: no half-written operation survived a kill.
    const check = new Database(file, { readonly: true });
    const orphans = check
      .prepare("SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_timeline e WHERE e.ticket_id = t.id AND e.event_type = 'created')")
      .get() as { n: number };
    check.close();
    expect(orphans.n).toBe(0);
  }, 300_000); // 20 child processes started through tsx: about 90 s on a busy 2-core machine, so room to spare
});
