// Turns what a user typed into a safe FTS5 query: quoted prefix terms, ANDed; never an FTS syntax error.

/** More terms than this add nothing a person would type and only slow the query down. */
const MAX_TERMS = 12;
/** Letters (with combining marks) and digits; everything else (quotes, *, -, :, parentheses, emoji) separates words. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words FTS5 will look for, in the order typed (NFC so a decomposed "técnico" stays one word). */
export function searchTerms(text: string | undefined | null): string[] {
  if (!text) return [];
  const words = text.normalize('NFC').match(WORD) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_TERMS);
}

/**
 * `"term1"* "term2"*`: each word quoted (so AND/OR/NOT/NEAR are plain words) with a prefix star;
 * spaces mean AND in FTS5. Returns null when nothing searchable is left (no filter).
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
