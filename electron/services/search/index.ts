// Full-text search and keyset paging shared by the ticket and work order lists.
export { decodeCursor, encodeCursor, keysetClause, toUtcIso } from './cursor';
export { searchTerms, termParams, ticketHitsCte, ticketMatchSql, toFtsQuery, toTermQueries } from './ftsQuery';
export { forgetSearchHits, probeMatches, SEARCH_MATCHES, searchHits, withKeptMatches } from './hits';
export { rebuildSearchIndexSteps } from './schema';
