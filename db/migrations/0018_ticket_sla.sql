-- SLA due dates (issue 16 part 5): the LOCAL table ticket_sla (derived from each ticket and its timeline, never
-- replicated; filled at startup by services/sla), and the replicated setting slaTargets joins the settings capture
-- triggers, regenerated from electron/services/sync/entities.ts (sqlgen.refreshCaptureTriggersSql).
CREATE TABLE `ticket_sla` (
	`ticket_id` text PRIMARY KEY NOT NULL,
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
	`next_kind` text NOT NULL,
	`next_risk_at` text,
	`sort_due` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ticket_sla_next_kind" CHECK("ticket_sla"."next_kind" in ('response', 'resolution'))
);
--> statement-breakpoint
CREATE INDEX `ix_ticket_sla_sort_due` ON `ticket_sla` (`sort_due`,`ticket_id`);--> statement-breakpoint
CREATE INDEX `ix_ticket_sla_next_risk_at` ON `ticket_sla` (`next_risk_at`);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_insert` AFTER INSERT ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'insert', NULL, json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_update` AFTER UPDATE OF `value`, `created_at`, `updated_at` ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'update', json_object('value', old.`value`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_delete` AFTER DELETE ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND old.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', old.`key`, 'delete', NULL, NULL);
END;
