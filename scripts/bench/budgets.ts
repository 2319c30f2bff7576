// The interactive budgets every bench holds its figures to (ms at p95, unless named otherwise): `npm run bench`'s table,
// and the LAN bench's window calls, which are the same calls timed while thirty members sync.
export const BUDGET = { list: 5, detail: 5, agenda: 5, overdue: 16, search: 25, trace: 2, board: 16, customer: 16, screen: 16, write: 3, pdf: 300, ratio: 1.5, paint: 500, boardPaint: 300, block: 16, opLogCost: 0.2 };
