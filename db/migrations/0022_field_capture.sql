-- Field capture (issue 15): work done apart from internal notes, a typed duration's reason, product units, free-text
-- and removed parts, checklist answers, signatures and attachments; then the capture triggers of every table whose
-- replicated columns changed, regenerated from electron/services/sync/entities.ts (sqlgen.refreshCaptureTriggersSql).
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`work_order_id` text,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`file_name` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_attachments_size_bytes" CHECK("attachments"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE INDEX `ix_attachments_ticket_id` ON `attachments` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ix_attachments_work_order_id` ON `attachments` (`work_order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ix_attachments_sha256` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `work_order_checklist_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`item_key` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text,
	`required` integer DEFAULT false NOT NULL,
	`value` text,
	`note` text,
	`answered_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_work_order_checklist_answers_kind" CHECK("work_order_checklist_answers"."kind" in ('check', 'number', 'text')),
	CONSTRAINT "ck_work_order_checklist_answers_value" CHECK("work_order_checklist_answers"."value" is null or json_valid("work_order_checklist_answers"."value"))
);
--> statement-breakpoint
CREATE INDEX `ix_work_order_checklist_answers_work_order_id` ON `work_order_checklist_answers` (`work_order_id`);--> statement-breakpoint
CREATE TABLE `work_order_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`role` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_id_number` text,
	`strokes` text NOT NULL,
	`image_png` text NOT NULL,
	`content_hash` text NOT NULL,
	`signed_by` text,
	`signed_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_work_order_signatures_role" CHECK("work_order_signatures"."role" in ('customer', 'technician')),
	CONSTRAINT "ck_work_order_signatures_strokes" CHECK("work_order_signatures"."strokes" is null or json_valid("work_order_signatures"."strokes"))
);
--> statement-breakpoint
CREATE INDEX `ix_work_order_signatures_work_order_id` ON `work_order_signatures` (`work_order_id`,`signed_at`);--> statement-breakpoint
ALTER TABLE `products` ADD `unit` text DEFAULT 'unit' NOT NULL CHECK (`unit` in ('unit', 'kg', 'm', 'l'));--> statement-breakpoint
ALTER TABLE `work_order_items` ADD `description` text;--> statement-breakpoint
ALTER TABLE `work_order_items` ADD `direction` text DEFAULT 'installed' NOT NULL CHECK (`direction` in ('installed', 'removed'));--> statement-breakpoint
ALTER TABLE `work_order_items` ADD `unit` text DEFAULT 'unit' NOT NULL CHECK (`unit` in ('unit', 'kg', 'm', 'l'));--> statement-breakpoint
ALTER TABLE `work_orders` ADD `work_done` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `duration_reason` text;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_items_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_items_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_items_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_checklist_answers_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_checklist_answers_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_checklist_answers_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_signatures_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_signatures_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_order_signatures_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_attachments_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_attachments_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_attachments_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_settings_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_insert` AFTER INSERT ON `products` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('products', new.`id`, 'insert', NULL, json_object('sku', new.`sku`, 'name', new.`name`, 'description', new.`description`, 'tracks_serial', new.`tracks_serial`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_update` AFTER UPDATE OF `sku`, `name`, `description`, `tracks_serial`, `unit`, `created_at`, `updated_at` ON `products` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('products', new.`id`, 'update', json_object('sku', old.`sku`, 'name', old.`name`, 'description', old.`description`, 'tracks_serial', old.`tracks_serial`, 'unit', old.`unit`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('sku', new.`sku`, 'name', new.`name`, 'description', new.`description`, 'tracks_serial', new.`tracks_serial`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_delete` AFTER DELETE ON `products` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('products', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_insert` AFTER INSERT ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', new.`id`, 'insert', NULL, json_object('code', new.`code`, 'ticket_id', new.`ticket_id`, 'technician_id', new.`technician_id`, 'ot_type', new.`ot_type`, 'status', new.`status`, 'scheduled_date', new.`scheduled_date`, 'started_at', new.`started_at`, 'completed_at', new.`completed_at`, 'total_duration', new.`total_duration`, 'notes', new.`notes`, 'estimated_minutes', new.`estimated_minutes`, 'work_done', new.`work_done`, 'duration_reason', new.`duration_reason`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_update` AFTER UPDATE OF `code`, `ticket_id`, `technician_id`, `ot_type`, `status`, `scheduled_date`, `started_at`, `completed_at`, `total_duration`, `notes`, `estimated_minutes`, `work_done`, `duration_reason`, `created_at`, `updated_at` ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', new.`id`, 'update', json_object('code', old.`code`, 'ticket_id', old.`ticket_id`, 'technician_id', old.`technician_id`, 'ot_type', old.`ot_type`, 'status', old.`status`, 'scheduled_date', old.`scheduled_date`, 'started_at', old.`started_at`, 'completed_at', old.`completed_at`, 'total_duration', old.`total_duration`, 'notes', old.`notes`, 'estimated_minutes', old.`estimated_minutes`, 'work_done', old.`work_done`, 'duration_reason', old.`duration_reason`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('code', new.`code`, 'ticket_id', new.`ticket_id`, 'technician_id', new.`technician_id`, 'ot_type', new.`ot_type`, 'status', new.`status`, 'scheduled_date', new.`scheduled_date`, 'started_at', new.`started_at`, 'completed_at', new.`completed_at`, 'total_duration', new.`total_duration`, 'notes', new.`notes`, 'estimated_minutes', new.`estimated_minutes`, 'work_done', new.`work_done`, 'duration_reason', new.`duration_reason`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_delete` AFTER DELETE ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_orders', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_insert` AFTER INSERT ON `work_order_items` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_items', new.`id`, 'insert', NULL, json_object('work_order_id', new.`work_order_id`, 'product_id', new.`product_id`, 'serial_number', new.`serial_number`, 'quantity', new.`quantity`, 'consumed_at', new.`consumed_at`, 'description', new.`description`, 'direction', new.`direction`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_update` AFTER UPDATE OF `work_order_id`, `product_id`, `serial_number`, `quantity`, `consumed_at`, `description`, `direction`, `unit`, `created_at`, `updated_at` ON `work_order_items` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_items', new.`id`, 'update', json_object('work_order_id', old.`work_order_id`, 'product_id', old.`product_id`, 'serial_number', old.`serial_number`, 'quantity', old.`quantity`, 'consumed_at', old.`consumed_at`, 'description', old.`description`, 'direction', old.`direction`, 'unit', old.`unit`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('work_order_id', new.`work_order_id`, 'product_id', new.`product_id`, 'serial_number', new.`serial_number`, 'quantity', new.`quantity`, 'consumed_at', new.`consumed_at`, 'description', new.`description`, 'direction', new.`direction`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_delete` AFTER DELETE ON `work_order_items` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_items', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_insert` AFTER INSERT ON `work_order_checklist_answers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_checklist_answers', new.`id`, 'insert', NULL, json_object('work_order_id', new.`work_order_id`, 'item_key', new.`item_key`, 'label', new.`label`, 'kind', new.`kind`, 'unit', new.`unit`, 'required', new.`required`, 'value', new.`value`, 'note', new.`note`, 'answered_by', new.`answered_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_update` AFTER UPDATE OF `work_order_id`, `item_key`, `label`, `kind`, `unit`, `required`, `value`, `note`, `answered_by`, `created_at`, `updated_at` ON `work_order_checklist_answers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_checklist_answers', new.`id`, 'update', json_object('work_order_id', old.`work_order_id`, 'item_key', old.`item_key`, 'label', old.`label`, 'kind', old.`kind`, 'unit', old.`unit`, 'required', old.`required`, 'value', old.`value`, 'note', old.`note`, 'answered_by', old.`answered_by`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('work_order_id', new.`work_order_id`, 'item_key', new.`item_key`, 'label', new.`label`, 'kind', new.`kind`, 'unit', new.`unit`, 'required', new.`required`, 'value', new.`value`, 'note', new.`note`, 'answered_by', new.`answered_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_delete` AFTER DELETE ON `work_order_checklist_answers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_checklist_answers', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_insert` AFTER INSERT ON `work_order_signatures` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_signatures', new.`id`, 'insert', NULL, json_object('work_order_id', new.`work_order_id`, 'role', new.`role`, 'signer_name', new.`signer_name`, 'signer_id_number', new.`signer_id_number`, 'strokes', new.`strokes`, 'image_png', new.`image_png`, 'content_hash', new.`content_hash`, 'signed_by', new.`signed_by`, 'signed_at', new.`signed_at`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_update` AFTER UPDATE OF `work_order_id`, `role`, `signer_name`, `signer_id_number`, `strokes`, `image_png`, `content_hash`, `signed_by`, `signed_at`, `created_at`, `updated_at` ON `work_order_signatures` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_signatures', new.`id`, 'update', json_object('work_order_id', old.`work_order_id`, 'role', old.`role`, 'signer_name', old.`signer_name`, 'signer_id_number', old.`signer_id_number`, 'strokes', old.`strokes`, 'image_png', old.`image_png`, 'content_hash', old.`content_hash`, 'signed_by', old.`signed_by`, 'signed_at', old.`signed_at`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('work_order_id', new.`work_order_id`, 'role', new.`role`, 'signer_name', new.`signer_name`, 'signer_id_number', new.`signer_id_number`, 'strokes', new.`strokes`, 'image_png', new.`image_png`, 'content_hash', new.`content_hash`, 'signed_by', new.`signed_by`, 'signed_at', new.`signed_at`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_delete` AFTER DELETE ON `work_order_signatures` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('work_order_signatures', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_insert` AFTER INSERT ON `attachments` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('attachments', new.`id`, 'insert', NULL, json_object('ticket_id', new.`ticket_id`, 'work_order_id', new.`work_order_id`, 'sha256', new.`sha256`, 'mime', new.`mime`, 'size_bytes', new.`size_bytes`, 'width', new.`width`, 'height', new.`height`, 'file_name', new.`file_name`, 'created_by', new.`created_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_update` AFTER UPDATE OF `ticket_id`, `work_order_id`, `sha256`, `mime`, `size_bytes`, `width`, `height`, `file_name`, `created_by`, `created_at`, `updated_at` ON `attachments` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('attachments', new.`id`, 'update', json_object('ticket_id', old.`ticket_id`, 'work_order_id', old.`work_order_id`, 'sha256', old.`sha256`, 'mime', old.`mime`, 'size_bytes', old.`size_bytes`, 'width', old.`width`, 'height', old.`height`, 'file_name', old.`file_name`, 'created_by', old.`created_by`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('ticket_id', new.`ticket_id`, 'work_order_id', new.`work_order_id`, 'sha256', new.`sha256`, 'mime', new.`mime`, 'size_bytes', new.`size_bytes`, 'width', new.`width`, 'height', new.`height`, 'file_name', new.`file_name`, 'created_by', new.`created_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_delete` AFTER DELETE ON `attachments` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('attachments', old.`id`, 'delete', NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_insert` AFTER INSERT ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'insert', NULL, json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_update` AFTER UPDATE OF `value`, `created_at`, `updated_at` ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', new.`key`, 'update', json_object('value', old.`value`, 'created_at', old.`created_at`, 'updated_at', old.`updated_at`), json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_delete` AFTER DELETE ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND old.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `old_values`, `new_values`) VALUES ('settings', old.`key`, 'delete', NULL, NULL);
END;
