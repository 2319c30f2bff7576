// Turns what a user typed into safe FTS5 queries: quoted prefix terms, ANDed; never an FTS syntax error.
import { docOfRowid } from './schema';

/** More words than this add nothing a person would type and only slow the query down. */
const MAX_WORDS = 12;
/** Letters (with combining marks) and digits; everything else (quotes, *, -, :, parentheses, emoji) separates words. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The terms FTS5 will look for, in the order typed (NFC so a decomposed "técnico" stays one word).
 * A chunk without spaces that holds several words (TK-2026-000042, e-mail) stays together as one phrase,
 * so a code matches that code and not a ticket that merely mentions "tk", "2026" and "000042" apart.
 */
export function searchTerms(text: string | undefined | null): string[] {
  if (!text) return [];
  const terms: string[] = [];
  let words = 0;
  for (const chunk of text.normalize('NFC').toLowerCase().split(/\s+/u)) {
    const parts = (chunk.match(WORD) ?? []).slice(0, MAX_WORDS - words);
    if (parts.length === 0) continue;
    words += parts.length;
    const term = parts.join(' ');
    if (!terms.includes(term)) terms.push(term);
    if (words >= MAX_WORDS) break;
  }
  return terms;
}

/**
 * `"term1"* "term two"*`: each term quoted (so AND/OR/NOT/NEAR are plain words) with a prefix star on
 * its last word; spaces between terms mean AND in FTS5. Returns null when nothing searchable is left (no filter).
 */
export function toFtsQuery(text: string | undefined | null): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(' ');
}

/** One FTS5 query per term (`"term"*`), or null when nothing searchable is left: a ticket matches when every term
 * matches one of its index rows, its own or any event's (so "impresora fusor" finds a title and a note together). */
export function toTermQueries(text: string | undefined | null): string[] | null {
  const terms = searchTerms(text);
  return terms.length === 0 ? null : terms.map((t) => `"${t}"*`);
}

/** Named params @fts0, @fts1… for the term queries. */
export function termParams(queries: readonly string[]): Record<string, string> {
  return Object.fromEntries(queries.map((q, i) => [`fts${i}`, q]));
}

/**
 * SQL true when the ticket whose search doc_id is `doc` matches every term (@fts0…): each term's matching rows name
 * their tickets by rowid range (schema.ts), a set SQLite builds once per term and looks the doc up in.
 */
export function ticketMatchSql(doc: string, termCount: number): string {
  return Array.from({ length: termCount }, (_, i) => `${doc} IN (SELECT ${docOfRowid('rowid')} FROM ticket_search WHERE ticket_search MATCH @fts${i})`).join(' AND ');
}

/** A CTE naming the ids of tickets that match the terms (params from termParams); join it first so FTS narrows the scan. */
export function ticketHitsCte(termCount: number): string {
  return `ticket_hits AS (SELECT d.ticket_id AS ticket_id FROM ticket_search_docs d WHERE ${ticketMatchSql('d.doc_id', termCount)})`;
}
