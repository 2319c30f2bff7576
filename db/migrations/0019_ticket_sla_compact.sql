-- ticket_sla again, WITHOUT ROWID and with the current clock's columns first (issue 16 part 5): a list row's SLA is
-- one search of the primary key and a few leading columns, so the due column adds nothing measurable to the list.
-- Derived data: dropped and refilled at startup from the tickets and their timelines (services/sla).
DROP TABLE `ticket_sla`;
--> statement-breakpoint
CREATE TABLE `ticket_sla` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`sort_due` text NOT NULL,
	`next_kind` text NOT NULL,
	`next_target` integer NOT NULL,
	`next_elapsed_ms` integer NOT NULL,
	`next_since` text,
	`next_risk_at` text,
	`next_outcome` text,
	`response_target` integer NOT NULL,
	`response_elapsed_ms` integer NOT NULL,
	`response_since` text,
	`response_due_at` text,
	`response_risk_at` text,
	`response_done_at` text,
	`response_outcome` text,
	`resolution_target` integer NOT NULL,
	`resolution_elapsed_ms` integer NOT NULL,
	`resolution_since` text,
	`resolution_due_at` text,
	`resolution_risk_at` text,
	`resolution_done_at` text,
	`resolution_outcome` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ticket_sla_next_kind" CHECK("ticket_sla"."next_kind" in ('response', 'resolution'))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `ix_ticket_sla_sort_due` ON `ticket_sla` (`sort_due`,`ticket_id`);
--> statement-breakpoint
CREATE INDEX `ix_ticket_sla_next_risk_at` ON `ticket_sla` (`next_risk_at`);
