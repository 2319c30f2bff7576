// Turns what a user typed into a safe FTS5 query: quoted prefix terms, ANDed; never an FTS syntax error.

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

/** A CTE naming the ids of tickets that match `@ftsQuery`; join it first so FTS narrows the scan. */
export const TICKET_HITS_CTE = `ticket_hits AS (
  SELECT d.ticket_id AS ticket_id
  FROM ticket_search
  JOIN ticket_search_docs d ON d.doc_id = ticket_search.rowid
  WHERE ticket_search MATCH @ftsQuery
)`;
