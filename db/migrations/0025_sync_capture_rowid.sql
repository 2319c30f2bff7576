-- sync_capture keys its rows by the plain rowid: AUTOINCREMENT only kept ids from being reused, which a table emptied
-- before every commit never needs, and it cost every captured write an extra row written in sqlite_sequence.
-- Dropped and created again under the same name (not drizzle-kit's rename of a new table): the capture triggers of
-- every replicated table name sync_capture, and a rename with them pointing at a dropped table is refused.
-- Its rows (none at rest: each write's own are drained before its commit) are carried over.
CREATE TEMP TABLE `__sync_capture_rows` AS SELECT `id`, `entity`, `row_id`, `kind`, `old_values`, `new_values` FROM `sync_capture`;
--> statement-breakpoint
DROP TABLE `sync_capture`;
--> statement-breakpoint
CREATE TABLE `sync_capture` (
	`id` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`kind` text NOT NULL,
	`old_values` text,
	`new_values` text
);
--> statement-breakpoint
INSERT INTO `sync_capture` (`id`, `entity`, `row_id`, `kind`, `old_values`, `new_values`) SELECT `id`, `entity`, `row_id`, `kind`, `old_values`, `new_values` FROM temp.`__sync_capture_rows`;
--> statement-breakpoint
DROP TABLE temp.`__sync_capture_rows`;
