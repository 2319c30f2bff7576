-- The company time zone (timeZone) joins the replicated settings: the settings capture triggers, regenerated from
-- electron/services/sync/entities.ts (sqlgen.captureTriggersSql), so a change of it becomes an op like the other company settings.
DROP TRIGGER IF EXISTS `tr_sync_settings_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_insert` AFTER INSERT ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'insert', NULL, json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_update` AFTER UPDATE OF `value`, `created_at`, `updated_at` ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'update', json_object('value', old.`value`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_delete` AFTER DELETE ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND old.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', old.`key`, 'delete', NULL, NULL);
END;
