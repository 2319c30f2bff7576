-- Writes (issue 12): the capture triggers of every replicated table again, from electron/services/sync/sqlgen.ts
-- (refreshCaptureTriggersSql): an update captures only the columns it changed (with the rest of their field group) and
-- nothing when it changed no replicated column, instead of every column's old and new values. Then a partial index
-- of the timeline's clock-moving events (shared/sla.ts CLOCK_EVENTS), which the SLA clocks read per ticket.
DROP TRIGGER IF EXISTS `tr_sync_roles_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_roles_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_roles_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_users_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_users_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_users_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_categories_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_categories_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_categories_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_customers_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_products_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_tickets_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_tickets_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_tickets_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_work_orders_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_timeline_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_timeline_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_ticket_timeline_delete`;
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
DROP TRIGGER IF EXISTS `tr_sync_team_members_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_members_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_members_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_code_aliases_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_code_aliases_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_code_aliases_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_conflict_resolutions_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_conflict_resolutions_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_conflict_resolutions_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_roles_insert` AFTER INSERT ON `roles` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('roles', new.`id`, 'insert', json_object('name', new.`name`, 'permissions', new.`permissions`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_roles_update` AFTER UPDATE OF `name`, `permissions`, `created_at`, `updated_at` ON `roles` WHEN (old.`name` IS NOT new.`name` OR old.`permissions` IS NOT new.`permissions` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('roles', new.`id`, 'update', '{' || substr(CASE WHEN old.`name` IS NOT new.`name` THEN ',"name":' || json_quote(new.`name`) ELSE '' END || CASE WHEN old.`permissions` IS NOT new.`permissions` THEN ',"permissions":' || json_quote(new.`permissions`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_roles_delete` AFTER DELETE ON `roles` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('roles', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_users_insert` AFTER INSERT ON `users` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('users', new.`id`, 'insert', json_object('email', new.`email`, 'username', new.`username`, 'full_name', new.`full_name`, 'password_hash', new.`password_hash`, 'is_active', new.`is_active`, 'is_superuser', new.`is_superuser`, 'role_id', new.`role_id`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_users_update` AFTER UPDATE OF `email`, `username`, `full_name`, `password_hash`, `is_active`, `is_superuser`, `role_id`, `created_at`, `updated_at` ON `users` WHEN (old.`email` IS NOT new.`email` OR old.`username` IS NOT new.`username` OR old.`full_name` IS NOT new.`full_name` OR old.`password_hash` IS NOT new.`password_hash` OR old.`is_active` IS NOT new.`is_active` OR old.`is_superuser` IS NOT new.`is_superuser` OR old.`role_id` IS NOT new.`role_id` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('users', new.`id`, 'update', '{' || substr(CASE WHEN old.`email` IS NOT new.`email` THEN ',"email":' || json_quote(new.`email`) ELSE '' END || CASE WHEN old.`username` IS NOT new.`username` THEN ',"username":' || json_quote(new.`username`) ELSE '' END || CASE WHEN old.`full_name` IS NOT new.`full_name` THEN ',"full_name":' || json_quote(new.`full_name`) ELSE '' END || CASE WHEN old.`password_hash` IS NOT new.`password_hash` THEN ',"password_hash":' || json_quote(new.`password_hash`) ELSE '' END || CASE WHEN old.`is_active` IS NOT new.`is_active` THEN ',"is_active":' || json_quote(new.`is_active`) ELSE '' END || CASE WHEN old.`is_superuser` IS NOT new.`is_superuser` THEN ',"is_superuser":' || json_quote(new.`is_superuser`) ELSE '' END || CASE WHEN old.`role_id` IS NOT new.`role_id` THEN ',"role_id":' || json_quote(new.`role_id`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_users_delete` AFTER DELETE ON `users` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('users', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_categories_insert` AFTER INSERT ON `ticket_categories` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_categories', new.`id`, 'insert', json_object('name', new.`name`, 'description', new.`description`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_categories_update` AFTER UPDATE OF `name`, `description`, `created_at`, `updated_at` ON `ticket_categories` WHEN (old.`name` IS NOT new.`name` OR old.`description` IS NOT new.`description` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_categories', new.`id`, 'update', '{' || substr(CASE WHEN old.`name` IS NOT new.`name` THEN ',"name":' || json_quote(new.`name`) ELSE '' END || CASE WHEN old.`description` IS NOT new.`description` THEN ',"description":' || json_quote(new.`description`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_categories_delete` AFTER DELETE ON `ticket_categories` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_categories', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_insert` AFTER INSERT ON `customers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('customers', new.`id`, 'insert', json_object('name', new.`name`, 'contact_name', new.`contact_name`, 'phone', new.`phone`, 'email', new.`email`, 'address', new.`address`, 'notes', new.`notes`, 'town', new.`town`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_update` AFTER UPDATE OF `name`, `contact_name`, `phone`, `email`, `address`, `notes`, `town`, `created_at`, `updated_at` ON `customers` WHEN (old.`name` IS NOT new.`name` OR old.`contact_name` IS NOT new.`contact_name` OR old.`phone` IS NOT new.`phone` OR old.`email` IS NOT new.`email` OR old.`address` IS NOT new.`address` OR old.`notes` IS NOT new.`notes` OR old.`town` IS NOT new.`town` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('customers', new.`id`, 'update', '{' || substr(CASE WHEN old.`name` IS NOT new.`name` THEN ',"name":' || json_quote(new.`name`) ELSE '' END || CASE WHEN old.`contact_name` IS NOT new.`contact_name` THEN ',"contact_name":' || json_quote(new.`contact_name`) ELSE '' END || CASE WHEN old.`phone` IS NOT new.`phone` THEN ',"phone":' || json_quote(new.`phone`) ELSE '' END || CASE WHEN old.`email` IS NOT new.`email` THEN ',"email":' || json_quote(new.`email`) ELSE '' END || CASE WHEN old.`address` IS NOT new.`address` THEN ',"address":' || json_quote(new.`address`) ELSE '' END || CASE WHEN old.`notes` IS NOT new.`notes` THEN ',"notes":' || json_quote(new.`notes`) ELSE '' END || CASE WHEN old.`town` IS NOT new.`town` THEN ',"town":' || json_quote(new.`town`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_customers_delete` AFTER DELETE ON `customers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('customers', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_insert` AFTER INSERT ON `products` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('products', new.`id`, 'insert', json_object('sku', new.`sku`, 'name', new.`name`, 'description', new.`description`, 'tracks_serial', new.`tracks_serial`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_update` AFTER UPDATE OF `sku`, `name`, `description`, `tracks_serial`, `unit`, `created_at`, `updated_at` ON `products` WHEN (old.`sku` IS NOT new.`sku` OR old.`name` IS NOT new.`name` OR old.`description` IS NOT new.`description` OR old.`tracks_serial` IS NOT new.`tracks_serial` OR old.`unit` IS NOT new.`unit` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('products', new.`id`, 'update', '{' || substr(CASE WHEN old.`sku` IS NOT new.`sku` THEN ',"sku":' || json_quote(new.`sku`) ELSE '' END || CASE WHEN old.`name` IS NOT new.`name` THEN ',"name":' || json_quote(new.`name`) ELSE '' END || CASE WHEN old.`description` IS NOT new.`description` THEN ',"description":' || json_quote(new.`description`) ELSE '' END || CASE WHEN old.`tracks_serial` IS NOT new.`tracks_serial` THEN ',"tracks_serial":' || json_quote(new.`tracks_serial`) ELSE '' END || CASE WHEN old.`unit` IS NOT new.`unit` THEN ',"unit":' || json_quote(new.`unit`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_products_delete` AFTER DELETE ON `products` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('products', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_tickets_insert` AFTER INSERT ON `tickets` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('tickets', new.`id`, 'insert', json_object('code', new.`code`, 'title', new.`title`, 'description', new.`description`, 'status', new.`status`, 'priority', new.`priority`, 'category_id', new.`category_id`, 'customer_id', new.`customer_id`, 'creator_id', new.`creator_id`, 'assigned_to_id', new.`assigned_to_id`, 'resolution', new.`resolution`, 'closed_at', new.`closed_at`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_tickets_update` AFTER UPDATE OF `code`, `title`, `description`, `status`, `priority`, `category_id`, `customer_id`, `creator_id`, `assigned_to_id`, `resolution`, `closed_at`, `created_at`, `updated_at` ON `tickets` WHEN (old.`code` IS NOT new.`code` OR old.`title` IS NOT new.`title` OR old.`description` IS NOT new.`description` OR old.`status` IS NOT new.`status` OR old.`priority` IS NOT new.`priority` OR old.`category_id` IS NOT new.`category_id` OR old.`customer_id` IS NOT new.`customer_id` OR old.`creator_id` IS NOT new.`creator_id` OR old.`assigned_to_id` IS NOT new.`assigned_to_id` OR old.`resolution` IS NOT new.`resolution` OR old.`closed_at` IS NOT new.`closed_at` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('tickets', new.`id`, 'update', '{' || substr(CASE WHEN old.`code` IS NOT new.`code` THEN ',"code":' || json_quote(new.`code`) ELSE '' END || CASE WHEN old.`title` IS NOT new.`title` THEN ',"title":' || json_quote(new.`title`) ELSE '' END || CASE WHEN old.`description` IS NOT new.`description` THEN ',"description":' || json_quote(new.`description`) ELSE '' END || CASE WHEN old.`status` IS NOT new.`status` THEN ',"status":' || json_quote(new.`status`) ELSE '' END || CASE WHEN old.`priority` IS NOT new.`priority` THEN ',"priority":' || json_quote(new.`priority`) ELSE '' END || CASE WHEN old.`category_id` IS NOT new.`category_id` THEN ',"category_id":' || json_quote(new.`category_id`) ELSE '' END || CASE WHEN old.`customer_id` IS NOT new.`customer_id` THEN ',"customer_id":' || json_quote(new.`customer_id`) ELSE '' END || CASE WHEN old.`creator_id` IS NOT new.`creator_id` THEN ',"creator_id":' || json_quote(new.`creator_id`) ELSE '' END || CASE WHEN old.`assigned_to_id` IS NOT new.`assigned_to_id` THEN ',"assigned_to_id":' || json_quote(new.`assigned_to_id`) ELSE '' END || CASE WHEN old.`resolution` IS NOT new.`resolution` THEN ',"resolution":' || json_quote(new.`resolution`) ELSE '' END || CASE WHEN old.`closed_at` IS NOT new.`closed_at` THEN ',"closed_at":' || json_quote(new.`closed_at`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_tickets_delete` AFTER DELETE ON `tickets` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('tickets', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_insert` AFTER INSERT ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_orders', new.`id`, 'insert', json_object('code', new.`code`, 'ticket_id', new.`ticket_id`, 'technician_id', new.`technician_id`, 'ot_type', new.`ot_type`, 'status', new.`status`, 'scheduled_date', new.`scheduled_date`, 'started_at', new.`started_at`, 'completed_at', new.`completed_at`, 'total_duration', new.`total_duration`, 'notes', new.`notes`, 'estimated_minutes', new.`estimated_minutes`, 'work_done', new.`work_done`, 'duration_reason', new.`duration_reason`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_update` AFTER UPDATE OF `code`, `ticket_id`, `technician_id`, `ot_type`, `status`, `scheduled_date`, `started_at`, `completed_at`, `total_duration`, `notes`, `estimated_minutes`, `work_done`, `duration_reason`, `created_at`, `updated_at` ON `work_orders` WHEN (old.`code` IS NOT new.`code` OR old.`ticket_id` IS NOT new.`ticket_id` OR old.`technician_id` IS NOT new.`technician_id` OR old.`ot_type` IS NOT new.`ot_type` OR old.`status` IS NOT new.`status` OR old.`scheduled_date` IS NOT new.`scheduled_date` OR old.`started_at` IS NOT new.`started_at` OR old.`completed_at` IS NOT new.`completed_at` OR old.`total_duration` IS NOT new.`total_duration` OR old.`notes` IS NOT new.`notes` OR old.`estimated_minutes` IS NOT new.`estimated_minutes` OR old.`work_done` IS NOT new.`work_done` OR old.`duration_reason` IS NOT new.`duration_reason` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_orders', new.`id`, 'update', '{' || substr(CASE WHEN old.`code` IS NOT new.`code` THEN ',"code":' || json_quote(new.`code`) ELSE '' END || CASE WHEN old.`ticket_id` IS NOT new.`ticket_id` THEN ',"ticket_id":' || json_quote(new.`ticket_id`) ELSE '' END || CASE WHEN old.`status` IS NOT new.`status` OR old.`scheduled_date` IS NOT new.`scheduled_date` OR old.`technician_id` IS NOT new.`technician_id` THEN ',"technician_id":' || json_quote(new.`technician_id`) ELSE '' END || CASE WHEN old.`ot_type` IS NOT new.`ot_type` THEN ',"ot_type":' || json_quote(new.`ot_type`) ELSE '' END || CASE WHEN old.`status` IS NOT new.`status` OR old.`scheduled_date` IS NOT new.`scheduled_date` OR old.`technician_id` IS NOT new.`technician_id` THEN ',"status":' || json_quote(new.`status`) ELSE '' END || CASE WHEN old.`status` IS NOT new.`status` OR old.`scheduled_date` IS NOT new.`scheduled_date` OR old.`technician_id` IS NOT new.`technician_id` THEN ',"scheduled_date":' || json_quote(new.`scheduled_date`) ELSE '' END || CASE WHEN old.`started_at` IS NOT new.`started_at` THEN ',"started_at":' || json_quote(new.`started_at`) ELSE '' END || CASE WHEN old.`completed_at` IS NOT new.`completed_at` THEN ',"completed_at":' || json_quote(new.`completed_at`) ELSE '' END || CASE WHEN old.`total_duration` IS NOT new.`total_duration` THEN ',"total_duration":' || json_quote(new.`total_duration`) ELSE '' END || CASE WHEN old.`notes` IS NOT new.`notes` THEN ',"notes":' || json_quote(new.`notes`) ELSE '' END || CASE WHEN old.`estimated_minutes` IS NOT new.`estimated_minutes` THEN ',"estimated_minutes":' || json_quote(new.`estimated_minutes`) ELSE '' END || CASE WHEN old.`work_done` IS NOT new.`work_done` THEN ',"work_done":' || json_quote(new.`work_done`) ELSE '' END || CASE WHEN old.`duration_reason` IS NOT new.`duration_reason` THEN ',"duration_reason":' || json_quote(new.`duration_reason`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_orders_delete` AFTER DELETE ON `work_orders` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_orders', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_timeline_insert` AFTER INSERT ON `ticket_timeline` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_timeline', new.`id`, 'insert', json_object('ticket_id', new.`ticket_id`, 'author_id', new.`author_id`, 'event_type', new.`event_type`, 'content', new.`content`, 'meta_data', new.`meta_data`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_timeline_update` AFTER UPDATE OF `ticket_id`, `author_id`, `event_type`, `content`, `meta_data`, `created_at`, `updated_at` ON `ticket_timeline` WHEN (old.`ticket_id` IS NOT new.`ticket_id` OR old.`author_id` IS NOT new.`author_id` OR old.`event_type` IS NOT new.`event_type` OR old.`content` IS NOT new.`content` OR old.`meta_data` IS NOT new.`meta_data` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_timeline', new.`id`, 'update', '{' || substr(CASE WHEN old.`ticket_id` IS NOT new.`ticket_id` THEN ',"ticket_id":' || json_quote(new.`ticket_id`) ELSE '' END || CASE WHEN old.`author_id` IS NOT new.`author_id` THEN ',"author_id":' || json_quote(new.`author_id`) ELSE '' END || CASE WHEN old.`event_type` IS NOT new.`event_type` THEN ',"event_type":' || json_quote(new.`event_type`) ELSE '' END || CASE WHEN old.`content` IS NOT new.`content` THEN ',"content":' || json_quote(new.`content`) ELSE '' END || CASE WHEN old.`meta_data` IS NOT new.`meta_data` THEN ',"meta_data":' || json_quote(new.`meta_data`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_ticket_timeline_delete` AFTER DELETE ON `ticket_timeline` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('ticket_timeline', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_insert` AFTER INSERT ON `work_order_items` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_items', new.`id`, 'insert', json_object('work_order_id', new.`work_order_id`, 'product_id', new.`product_id`, 'serial_number', new.`serial_number`, 'quantity', new.`quantity`, 'consumed_at', new.`consumed_at`, 'description', new.`description`, 'direction', new.`direction`, 'unit', new.`unit`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_update` AFTER UPDATE OF `work_order_id`, `product_id`, `serial_number`, `quantity`, `consumed_at`, `description`, `direction`, `unit`, `created_at`, `updated_at` ON `work_order_items` WHEN (old.`work_order_id` IS NOT new.`work_order_id` OR old.`product_id` IS NOT new.`product_id` OR old.`serial_number` IS NOT new.`serial_number` OR old.`quantity` IS NOT new.`quantity` OR old.`consumed_at` IS NOT new.`consumed_at` OR old.`description` IS NOT new.`description` OR old.`direction` IS NOT new.`direction` OR old.`unit` IS NOT new.`unit` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_items', new.`id`, 'update', '{' || substr(CASE WHEN old.`work_order_id` IS NOT new.`work_order_id` THEN ',"work_order_id":' || json_quote(new.`work_order_id`) ELSE '' END || CASE WHEN old.`product_id` IS NOT new.`product_id` THEN ',"product_id":' || json_quote(new.`product_id`) ELSE '' END || CASE WHEN old.`serial_number` IS NOT new.`serial_number` THEN ',"serial_number":' || json_quote(new.`serial_number`) ELSE '' END || CASE WHEN old.`quantity` IS NOT new.`quantity` THEN ',"quantity":' || json_quote(new.`quantity`) ELSE '' END || CASE WHEN old.`consumed_at` IS NOT new.`consumed_at` THEN ',"consumed_at":' || json_quote(new.`consumed_at`) ELSE '' END || CASE WHEN old.`description` IS NOT new.`description` THEN ',"description":' || json_quote(new.`description`) ELSE '' END || CASE WHEN old.`direction` IS NOT new.`direction` THEN ',"direction":' || json_quote(new.`direction`) ELSE '' END || CASE WHEN old.`unit` IS NOT new.`unit` THEN ',"unit":' || json_quote(new.`unit`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_items_delete` AFTER DELETE ON `work_order_items` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_items', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_insert` AFTER INSERT ON `work_order_checklist_answers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_checklist_answers', new.`id`, 'insert', json_object('work_order_id', new.`work_order_id`, 'item_key', new.`item_key`, 'label', new.`label`, 'kind', new.`kind`, 'unit', new.`unit`, 'required', new.`required`, 'value', new.`value`, 'note', new.`note`, 'answered_by', new.`answered_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_update` AFTER UPDATE OF `work_order_id`, `item_key`, `label`, `kind`, `unit`, `required`, `value`, `note`, `answered_by`, `created_at`, `updated_at` ON `work_order_checklist_answers` WHEN (old.`work_order_id` IS NOT new.`work_order_id` OR old.`item_key` IS NOT new.`item_key` OR old.`label` IS NOT new.`label` OR old.`kind` IS NOT new.`kind` OR old.`unit` IS NOT new.`unit` OR old.`required` IS NOT new.`required` OR old.`value` IS NOT new.`value` OR old.`note` IS NOT new.`note` OR old.`answered_by` IS NOT new.`answered_by` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_checklist_answers', new.`id`, 'update', '{' || substr(CASE WHEN old.`work_order_id` IS NOT new.`work_order_id` THEN ',"work_order_id":' || json_quote(new.`work_order_id`) ELSE '' END || CASE WHEN old.`item_key` IS NOT new.`item_key` THEN ',"item_key":' || json_quote(new.`item_key`) ELSE '' END || CASE WHEN old.`label` IS NOT new.`label` THEN ',"label":' || json_quote(new.`label`) ELSE '' END || CASE WHEN old.`kind` IS NOT new.`kind` THEN ',"kind":' || json_quote(new.`kind`) ELSE '' END || CASE WHEN old.`unit` IS NOT new.`unit` THEN ',"unit":' || json_quote(new.`unit`) ELSE '' END || CASE WHEN old.`required` IS NOT new.`required` THEN ',"required":' || json_quote(new.`required`) ELSE '' END || CASE WHEN old.`value` IS NOT new.`value` THEN ',"value":' || json_quote(new.`value`) ELSE '' END || CASE WHEN old.`note` IS NOT new.`note` THEN ',"note":' || json_quote(new.`note`) ELSE '' END || CASE WHEN old.`answered_by` IS NOT new.`answered_by` THEN ',"answered_by":' || json_quote(new.`answered_by`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_checklist_answers_delete` AFTER DELETE ON `work_order_checklist_answers` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_checklist_answers', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_insert` AFTER INSERT ON `work_order_signatures` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_signatures', new.`id`, 'insert', json_object('work_order_id', new.`work_order_id`, 'role', new.`role`, 'signer_name', new.`signer_name`, 'signer_id_number', new.`signer_id_number`, 'strokes', new.`strokes`, 'image_png', new.`image_png`, 'content_hash', new.`content_hash`, 'signed_by', new.`signed_by`, 'signed_at', new.`signed_at`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_update` AFTER UPDATE OF `work_order_id`, `role`, `signer_name`, `signer_id_number`, `strokes`, `image_png`, `content_hash`, `signed_by`, `signed_at`, `created_at`, `updated_at` ON `work_order_signatures` WHEN (old.`work_order_id` IS NOT new.`work_order_id` OR old.`role` IS NOT new.`role` OR old.`signer_name` IS NOT new.`signer_name` OR old.`signer_id_number` IS NOT new.`signer_id_number` OR old.`strokes` IS NOT new.`strokes` OR old.`image_png` IS NOT new.`image_png` OR old.`content_hash` IS NOT new.`content_hash` OR old.`signed_by` IS NOT new.`signed_by` OR old.`signed_at` IS NOT new.`signed_at` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_signatures', new.`id`, 'update', '{' || substr(CASE WHEN old.`work_order_id` IS NOT new.`work_order_id` THEN ',"work_order_id":' || json_quote(new.`work_order_id`) ELSE '' END || CASE WHEN old.`role` IS NOT new.`role` THEN ',"role":' || json_quote(new.`role`) ELSE '' END || CASE WHEN old.`signer_name` IS NOT new.`signer_name` THEN ',"signer_name":' || json_quote(new.`signer_name`) ELSE '' END || CASE WHEN old.`signer_id_number` IS NOT new.`signer_id_number` THEN ',"signer_id_number":' || json_quote(new.`signer_id_number`) ELSE '' END || CASE WHEN old.`strokes` IS NOT new.`strokes` THEN ',"strokes":' || json_quote(new.`strokes`) ELSE '' END || CASE WHEN old.`image_png` IS NOT new.`image_png` THEN ',"image_png":' || json_quote(new.`image_png`) ELSE '' END || CASE WHEN old.`content_hash` IS NOT new.`content_hash` THEN ',"content_hash":' || json_quote(new.`content_hash`) ELSE '' END || CASE WHEN old.`signed_by` IS NOT new.`signed_by` THEN ',"signed_by":' || json_quote(new.`signed_by`) ELSE '' END || CASE WHEN old.`signed_at` IS NOT new.`signed_at` THEN ',"signed_at":' || json_quote(new.`signed_at`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_work_order_signatures_delete` AFTER DELETE ON `work_order_signatures` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('work_order_signatures', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_insert` AFTER INSERT ON `attachments` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('attachments', new.`id`, 'insert', json_object('ticket_id', new.`ticket_id`, 'work_order_id', new.`work_order_id`, 'sha256', new.`sha256`, 'mime', new.`mime`, 'size_bytes', new.`size_bytes`, 'width', new.`width`, 'height', new.`height`, 'file_name', new.`file_name`, 'created_by', new.`created_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_update` AFTER UPDATE OF `ticket_id`, `work_order_id`, `sha256`, `mime`, `size_bytes`, `width`, `height`, `file_name`, `created_by`, `created_at`, `updated_at` ON `attachments` WHEN (old.`ticket_id` IS NOT new.`ticket_id` OR old.`work_order_id` IS NOT new.`work_order_id` OR old.`sha256` IS NOT new.`sha256` OR old.`mime` IS NOT new.`mime` OR old.`size_bytes` IS NOT new.`size_bytes` OR old.`width` IS NOT new.`width` OR old.`height` IS NOT new.`height` OR old.`file_name` IS NOT new.`file_name` OR old.`created_by` IS NOT new.`created_by` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('attachments', new.`id`, 'update', '{' || substr(CASE WHEN old.`ticket_id` IS NOT new.`ticket_id` THEN ',"ticket_id":' || json_quote(new.`ticket_id`) ELSE '' END || CASE WHEN old.`work_order_id` IS NOT new.`work_order_id` THEN ',"work_order_id":' || json_quote(new.`work_order_id`) ELSE '' END || CASE WHEN old.`sha256` IS NOT new.`sha256` THEN ',"sha256":' || json_quote(new.`sha256`) ELSE '' END || CASE WHEN old.`mime` IS NOT new.`mime` THEN ',"mime":' || json_quote(new.`mime`) ELSE '' END || CASE WHEN old.`size_bytes` IS NOT new.`size_bytes` THEN ',"size_bytes":' || json_quote(new.`size_bytes`) ELSE '' END || CASE WHEN old.`width` IS NOT new.`width` THEN ',"width":' || json_quote(new.`width`) ELSE '' END || CASE WHEN old.`height` IS NOT new.`height` THEN ',"height":' || json_quote(new.`height`) ELSE '' END || CASE WHEN old.`file_name` IS NOT new.`file_name` THEN ',"file_name":' || json_quote(new.`file_name`) ELSE '' END || CASE WHEN old.`created_by` IS NOT new.`created_by` THEN ',"created_by":' || json_quote(new.`created_by`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_attachments_delete` AFTER DELETE ON `attachments` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('attachments', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_insert` AFTER INSERT ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('settings', new.`key`, 'insert', json_object('value', new.`value`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_update` AFTER UPDATE OF `value`, `created_at`, `updated_at` ON `settings` WHEN (old.`value` IS NOT new.`value` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND new.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('settings', new.`key`, 'update', '{' || substr(CASE WHEN old.`value` IS NOT new.`value` THEN ',"value":' || json_quote(new.`value`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_settings_delete` AFTER DELETE ON `settings` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 AND old.`key` IN ('companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'companyLogo', 'ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'timeZone', 'workOrderDefaultMinutes', 'slaTargets', 'companyTaxId', 'checklistTemplates') BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('settings', old.`key`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_members_insert` AFTER INSERT ON `team_members` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_members', new.`device_id`, 'insert', json_object('slot', new.`slot`, 'name', new.`name`, 'public_key', new.`public_key`, 'invitation_id', new.`invitation_id`, 'revoked_at', new.`revoked_at`, 'revoked_by', new.`revoked_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_members_update` AFTER UPDATE OF `slot`, `name`, `public_key`, `invitation_id`, `revoked_at`, `revoked_by`, `created_at`, `updated_at` ON `team_members` WHEN (old.`slot` IS NOT new.`slot` OR old.`name` IS NOT new.`name` OR old.`public_key` IS NOT new.`public_key` OR old.`invitation_id` IS NOT new.`invitation_id` OR old.`revoked_at` IS NOT new.`revoked_at` OR old.`revoked_by` IS NOT new.`revoked_by` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_members', new.`device_id`, 'update', '{' || substr(CASE WHEN old.`slot` IS NOT new.`slot` THEN ',"slot":' || json_quote(new.`slot`) ELSE '' END || CASE WHEN old.`name` IS NOT new.`name` THEN ',"name":' || json_quote(new.`name`) ELSE '' END || CASE WHEN old.`public_key` IS NOT new.`public_key` THEN ',"public_key":' || json_quote(new.`public_key`) ELSE '' END || CASE WHEN old.`invitation_id` IS NOT new.`invitation_id` THEN ',"invitation_id":' || json_quote(new.`invitation_id`) ELSE '' END || CASE WHEN old.`revoked_at` IS NOT new.`revoked_at` THEN ',"revoked_at":' || json_quote(new.`revoked_at`) ELSE '' END || CASE WHEN old.`revoked_by` IS NOT new.`revoked_by` THEN ',"revoked_by":' || json_quote(new.`revoked_by`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_members_delete` AFTER DELETE ON `team_members` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_members', old.`device_id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_insert` AFTER INSERT ON `team_invitations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', new.`id`, 'insert', json_object('slot', new.`slot`, 'expires_at', new.`expires_at`, 'created_by', new.`created_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_update` AFTER UPDATE OF `slot`, `expires_at`, `created_by`, `created_at`, `updated_at` ON `team_invitations` WHEN (old.`slot` IS NOT new.`slot` OR old.`expires_at` IS NOT new.`expires_at` OR old.`created_by` IS NOT new.`created_by` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', new.`id`, 'update', '{' || substr(CASE WHEN old.`slot` IS NOT new.`slot` THEN ',"slot":' || json_quote(new.`slot`) ELSE '' END || CASE WHEN old.`expires_at` IS NOT new.`expires_at` THEN ',"expires_at":' || json_quote(new.`expires_at`) ELSE '' END || CASE WHEN old.`created_by` IS NOT new.`created_by` THEN ',"created_by":' || json_quote(new.`created_by`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_delete` AFTER DELETE ON `team_invitations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_code_aliases_insert` AFTER INSERT ON `code_aliases` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('code_aliases', new.`id`, 'insert', json_object('entity', new.`entity`, 'row_id', new.`row_id`, 'code', new.`code`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_code_aliases_update` AFTER UPDATE OF `entity`, `row_id`, `code`, `created_at`, `updated_at` ON `code_aliases` WHEN (old.`entity` IS NOT new.`entity` OR old.`row_id` IS NOT new.`row_id` OR old.`code` IS NOT new.`code` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('code_aliases', new.`id`, 'update', '{' || substr(CASE WHEN old.`entity` IS NOT new.`entity` THEN ',"entity":' || json_quote(new.`entity`) ELSE '' END || CASE WHEN old.`row_id` IS NOT new.`row_id` THEN ',"row_id":' || json_quote(new.`row_id`) ELSE '' END || CASE WHEN old.`code` IS NOT new.`code` THEN ',"code":' || json_quote(new.`code`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_code_aliases_delete` AFTER DELETE ON `code_aliases` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('code_aliases', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflict_resolutions_insert` AFTER INSERT ON `conflict_resolutions` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('conflict_resolutions', new.`id`, 'insert', json_object('conflict_id', new.`conflict_id`, 'resolved_by', new.`resolved_by`, 'choice', new.`choice`, 'note', new.`note`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflict_resolutions_update` AFTER UPDATE OF `conflict_id`, `resolved_by`, `choice`, `note`, `created_at`, `updated_at` ON `conflict_resolutions` WHEN (old.`conflict_id` IS NOT new.`conflict_id` OR old.`resolved_by` IS NOT new.`resolved_by` OR old.`choice` IS NOT new.`choice` OR old.`note` IS NOT new.`note` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('conflict_resolutions', new.`id`, 'update', '{' || substr(CASE WHEN old.`conflict_id` IS NOT new.`conflict_id` THEN ',"conflict_id":' || json_quote(new.`conflict_id`) ELSE '' END || CASE WHEN old.`resolved_by` IS NOT new.`resolved_by` THEN ',"resolved_by":' || json_quote(new.`resolved_by`) ELSE '' END || CASE WHEN old.`choice` IS NOT new.`choice` THEN ',"choice":' || json_quote(new.`choice`) ELSE '' END || CASE WHEN old.`note` IS NOT new.`note` THEN ',"note":' || json_quote(new.`note`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflict_resolutions_delete` AFTER DELETE ON `conflict_resolutions` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('conflict_resolutions', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE INDEX `ix_ticket_timeline_clock_events` ON `ticket_timeline` (`ticket_id`,`created_at`,`id`) WHERE "ticket_timeline"."event_type" in ('contact', 'status_change', 'ot_created', 'closed', 'reopened');
