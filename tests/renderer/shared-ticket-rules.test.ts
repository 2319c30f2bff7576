// Issue 18 structure: the ticket rules the renderer used to copy (state machine, priority order, status and priority
// words) exist once in shared/tickets.ts; the services, the PDFs and the screens read that one definition.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../electron/contract';
import { labelsFor } from '../../electron/services/reports/labels';
import { PRIORITY_LABEL, TICKET_STATUS_LABEL } from '../../electron/services/tickets/labels';
import { PRIORITY_RANK } from '../../electron/services/tickets/list';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { TICKET_PRIORITY_WORDS, TICKET_STATUS_WORDS, ticketPriorityRank, ticketPriorityRankSql } from '../../shared/tickets';

const RENDERER = path.resolve('renderer/src');
const rendererFiles = (readdirSync(RENDERER, { recursive: true }) as string[]).filter((f) => /\.(ts|tsx|json)$/.test(f));
const read = (file: string) => readFileSync(path.join(RENDERER, file), 'utf8');

describe('the renderer keeps no copy of the ticket rules', () => {
  it('has no hand-written transition table', () => {
    // A status mapped to another status is a move; the list's tabs map a status to itself (`open: ['open']`).
    const tables = rendererFiles.filter((f) => /\b(open|in_progress|waiting|closed)\s*:\s*\[\s*'(?!\1')(open|in_progress|waiting|closed)'/.test(read(f)));
    expect(tables).toEqual([]);
  });

  it('has no hand-written priority list or rank', () => {
    const lists = rendererFiles.filter((f) => /'low',\s*'medium'|'critical',\s*'high'|critical\s*:\s*\d/.test(read(f)));
    expect(lists).toEqual([]);
  });

  it('has no status or priority words of its own (not in the locale files either)', () => {
    const words = [...Object.values(TICKET_STATUS_WORDS.es), 'Crítica', 'In progress'];
    const copies = rendererFiles.filter((f) => f.endsWith('.tsx') || f.endsWith('.ts')).filter((f) => words.some((w) => read(f).includes(`'${w}'`)));
    expect(copies).toEqual([]);
    for (const lang of ['es', 'en']) {
      const common = JSON.parse(read(`i18n/locales/${lang}/common.json`)) as Record<string, unknown>;
      expect(common.ticketStatus, lang).toBeUndefined();
      expect(common.priority, lang).toBeUndefined();
    }
  });
});

describe('one set of words', () => {
  it('the screens, the PDFs and the timeline text use the shared words in both languages', () => {
    for (const lang of ['es', 'en'] as const) {
      const common = withSharedWords(lang, 'common', {});
      expect(common).toMatchObject({ ticketStatus: TICKET_STATUS_WORDS[lang], priority: TICKET_PRIORITY_WORDS[lang] });
      expect(labelsFor(lang).ticketStatus).toBe(TICKET_STATUS_WORDS[lang]);
      expect(labelsFor(lang).ticketPriority).toBe(TICKET_PRIORITY_WORDS[lang]);
      for (const status of TICKET_STATUSES) expect(TICKET_STATUS_WORDS[lang][status]).toBeTruthy();
      for (const priority of TICKET_PRIORITIES) expect(TICKET_PRIORITY_WORDS[lang][priority]).toBeTruthy();
    }
    expect(TICKET_STATUS_LABEL).toBe(TICKET_STATUS_WORDS.es);
    expect(PRIORITY_LABEL).toBe(TICKET_PRIORITY_WORDS.es);
    expect(withSharedWords('es', 'tickets', { a: 1 })).toEqual({ a: 1 });
  });
});

describe('one priority order', () => {
  it('ranks critical first and matches the index the list sort walks', () => {
    expect(TICKET_PRIORITIES.map(ticketPriorityRank)).toEqual([1, 2, 3, 4]);
    expect(PRIORITY_RANK).toBe(`(CASE t.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)`);
    const migration = readFileSync(path.resolve('db/migrations/0003_ticket_priority_rank_index.sql'), 'utf8');
    expect(migration).toContain(ticketPriorityRankSql('"priority"'));
  });
});
