// The dispatch board's limits as plain numbers: the board's store (loaded at start for a fresh open of the board) reads
// them without building the channel's zod schema; dispatchBoard.ts checks inputs with these same constants.

/** A week at most: the board shows one day (hours) or one week (days). */
export const BOARD_MAX_DAYS = 7;

/** At most this many technicians' rows per read when asked by rows (the first screenful, then the rest). */
export const BOARD_ROWS_MAX = 500;
