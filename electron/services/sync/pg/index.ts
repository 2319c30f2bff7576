// The PostgreSQL hub's merge: the laptop's apply.ts API, async, on a pg client inside the caller's transaction.
export { pgApplyOps, PG_APPLY_LOCK } from './pgApply';
export { pgOpsMissingFrom, pgReadVector } from './pgOpLog';
export { pgRecordOwnOp, type OwnChange } from './pgOwnOps';
