// Full-text search and keyset paging shared by the ticket and work order lists.
export { decodeCursor, encodeCursor, keysetClause, toUtcIso } from './cursor';
export { searchTerms, termParams, ticketHitsCte, ticketMatchSql, toFtsQuery, toTermQueries } from './ftsQuery';
export { forgetSearchHits, SEARCH_HITS, searchHits } from './hits';
export { rebuildSearchIndexSteps } from './schema';
