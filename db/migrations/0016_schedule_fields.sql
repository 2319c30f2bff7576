-- Scheduling (issue 16): customers.town and work_orders.estimated_minutes, and a replicated setting
-- workOrderDefaultMinutes (minutes per OT type). The capture triggers of the three tables, regenerated from
-- electron/services/sync/entities.ts (sqlgen.refreshCaptureTriggersSql), so the new columns and key travel as ops.
ALTER TABLE `customers` ADD `town` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `estimated_minutes` integer;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_insert` AFTER INSERT ON `customers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('customers', new.`id`, 'insert', NULL, json_object('name', new.`name`, 'contact_name', new.`contact_name`, 'phone', new.`phone`, 'email', new.`email`, 'address', new.`address`, 'notes', new.`notes`, 'town', new.`town`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_update` AFTER UPDATE OF `name`, `contact_name`, `phone`, `email`, `address`, `notes`, `town`, `created_at`, `updated_at` ON `customers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('customers', new.`id`, 'update', json_object('name', old.`name`, 'contact_name', old.`contact_name`, 'phone', old.`phone`, 'email', old.`email`, 'address', old.`address`, 'notes', old.`notes`, 'town', old.`town`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('name', new.`name`, 'contact_name', new.`contact_name`, 'phone', new.`phone`, 'email', new.`email`, 'address', new.`address`, 'notes', new.`notes`, 'town', new.`town`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_delete` AFTER DELETE ON `customers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('customers', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_insert` AFTER INSERT ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', new.`id`, 'insert', NULL, json_object('code', new.`code`, 'ticket_id', new.`ticket_id`, 'technician_id', new.`technician_id`, 'ot_type', new.`ot_type`, 'status', new.`status`, 'scheduled_date', new.`scheduled_date`, 'started_at', new.`started_at`, 'completed_at', new.`completed_at`, 'total_duration', new.`total_duration`, 'notes', new.`notes`, 'estimated_minutes', new.`estimated_minutes`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_update` AFTER UPDATE OF `code`, `ticket_id`, `technician_id`, `ot_type`, `status`, `scheduled_date`, `started_at`, `completed_at`, `total_duration`, `notes`, `estimated_minutes`, `created_at`, `updated_at` ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', new.`id`, 'update', json_object('code', old.`code`, 'ticket_id', old.`ticket_id`, 'technician_id', old.`technician_id`, 'ot_type', old.`ot_type`, 'status', old.`status`, 'scheduled_date', old.`scheduled_date`, 'started_at', old.`started_at`, 'completed_at', old.`completed_at`, 'total_duration', old.`total_duration`, 'notes', old.`notes`, 'estimated_minutes', old.`estimated_minutes`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('code', new.`code`, 'ticket_id', new.`ticket_id`, 'technician_id', new.`technician_id`, 'ot_type', new.`ot_type`, 'status', new.`status`, 'scheduled_date', new.`scheduled_date`, 'started_at', new.`started_at`, 'completed_at', new.`completed_at`, 'total_duration', new.`total_duration`, 'notes', new.`notes`, 'estimated_minutes', new.`estimated_minutes`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_delete` AFTER DELETE ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_insert` AFTER INSERT ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'insert', NULL, json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_update` AFTER UPDATE OF `value`, `created_at`, `updated_at` ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'update', json_object('value', old.`value`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_delete` AFTER DELETE ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND old.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', old.`key`, 'delete', NULL, NULL);
END;
