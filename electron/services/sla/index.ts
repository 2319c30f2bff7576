// SLA due dates: the local ticket_sla table (store.ts) and reading it back (read.ts); the clock itself is shared/sla.ts.
export { CLOCK_EVENTS, fillMissingTicketSla, opMovesSlaClock, readSlaTargets, refreshAllTicketSla, refreshSlaForTouched, refreshTicketSla, slaTouchOf, NO_DUE } from './store';
export { slaClockColumns, slaClocksOfRow, slaSummary, slaSummaryColumns, slaSummaryOf, storedClocksOf, storedTicketSla, type SlaSummaryRow } from './read';
