// Full-text search and keyset paging shared by the ticket and work order lists.
export { decodeCursor, encodeCursor, keysetClause, toUtcIso } from './cursor';
export { searchTerms, TICKET_HITS_CTE, toFtsQuery } from './ftsQuery';
