CREATE TABLE `code_sequences` (
	`scope` text PRIMARY KEY NOT NULL,
	`last_value` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_code_sequences_last_value" CHECK("code_sequences"."last_value" >= 0)
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`contact_name` text,
	`phone` text,
	`email` text,
	`address` text,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_customers_name` ON `customers` (lower("name"));--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`tracks_serial` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_products_sku` ON `products` (lower("sku"));--> statement-breakpoint
CREATE INDEX `ix_products_name` ON `products` (lower("name"));--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`permissions` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_roles_permissions_json" CHECK(json_valid("roles"."permissions"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_roles_name` ON `roles` (lower("name"));--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_settings_value_json" CHECK(json_valid("settings"."value"))
);
--> statement-breakpoint
CREATE TABLE `ticket_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_ticket_categories_name` ON `ticket_categories` (lower("name"));--> statement-breakpoint
CREATE TABLE `ticket_search_docs` (
	`doc_id` integer PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_ticket_search_docs_ticket_id` ON `ticket_search_docs` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_timeline` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`author_id` text,
	`event_type` text NOT NULL,
	`content` text NOT NULL,
	`meta_data` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_ticket_timeline_event_type" CHECK("ticket_timeline"."event_type" in ('created', 'note', 'status_change', 'priority_change', 'assignment', 'contact', 'ot_created', 'ot_updated', 'ot_completed', 'telemetry', 'closed', 'reopened')),
	CONSTRAINT "ck_ticket_timeline_meta_data_json" CHECK("ticket_timeline"."meta_data" is null or json_valid("ticket_timeline"."meta_data"))
);
--> statement-breakpoint
CREATE INDEX `ix_ticket_timeline_ticket_id_created_at` ON `ticket_timeline` (`ticket_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_ticket_timeline_author_id` ON `ticket_timeline` (`author_id`);--> statement-breakpoint
CREATE INDEX `ix_ticket_timeline_event_type` ON `ticket_timeline` (`event_type`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`category_id` text,
	`customer_id` text,
	`creator_id` text NOT NULL,
	`assigned_to_id` text,
	`resolution` text,
	`closed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `ticket_categories`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assigned_to_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_tickets_status" CHECK("tickets"."status" in ('open', 'in_progress', 'waiting', 'closed')),
	CONSTRAINT "ck_tickets_priority" CHECK("tickets"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "ck_tickets_version" CHECK("tickets"."version" >= 1),
	CONSTRAINT "ck_tickets_closed_resolution" CHECK("tickets"."status" <> 'closed' or "tickets"."resolution" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_tickets_code` ON `tickets` (`code`);--> statement-breakpoint
CREATE INDEX `ix_tickets_updated_at` ON `tickets` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_created_at` ON `tickets` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_status_updated_at` ON `tickets` (`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_assigned_to_id_updated_at` ON `tickets` (`assigned_to_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_priority_updated_at` ON `tickets` (`priority`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_customer_id` ON `tickets` (`customer_id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_category_id` ON `tickets` (`category_id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_creator_id` ON `tickets` (`creator_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`is_superuser` integer DEFAULT false NOT NULL,
	`role_id` text,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_login_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_users_failed_logins" CHECK("users"."failed_logins" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_users_email` ON `users` (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX `uq_users_username` ON `users` (lower("username"));--> statement-breakpoint
CREATE INDEX `ix_users_role_id` ON `users` (`role_id`);--> statement-breakpoint
CREATE TABLE `work_order_items` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`product_id` text,
	`serial_number` text,
	`quantity` integer DEFAULT 1 NOT NULL,
	`consumed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_work_order_items_quantity" CHECK("work_order_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `ix_work_order_items_work_order_id` ON `work_order_items` (`work_order_id`);--> statement-breakpoint
CREATE INDEX `ix_work_order_items_serial_number` ON `work_order_items` (`serial_number`);--> statement-breakpoint
CREATE INDEX `ix_work_order_items_product_id` ON `work_order_items` (`product_id`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`ticket_id` text NOT NULL,
	`technician_id` text,
	`ot_type` text NOT NULL,
	`status` text DEFAULT 'pending_planning' NOT NULL,
	`scheduled_date` text,
	`started_at` text,
	`completed_at` text,
	`total_duration` integer,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_work_orders_status" CHECK("work_orders"."status" in ('pending_planning', 'scheduled', 'in_progress', 'completed', 'cancelled')),
	CONSTRAINT "ck_work_orders_ot_type" CHECK("work_orders"."ot_type" in ('diagnosis', 'repair', 'install', 'upgrade', 'maintenance')),
	CONSTRAINT "ck_work_orders_total_duration" CHECK("work_orders"."total_duration" is null or "work_orders"."total_duration" >= 0),
	CONSTRAINT "ck_work_orders_version" CHECK("work_orders"."version" >= 1),
	CONSTRAINT "ck_work_orders_scheduled_needs_plan" CHECK("work_orders"."status" <> 'scheduled' or ("work_orders"."scheduled_date" is not null and "work_orders"."technician_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_work_orders_code` ON `work_orders` (`code`);--> statement-breakpoint
CREATE INDEX `ix_work_orders_ticket_id` ON `work_orders` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `ix_work_orders_technician_id_scheduled_date` ON `work_orders` (`technician_id`,`scheduled_date`);--> statement-breakpoint
CREATE INDEX `ix_work_orders_status_created_at` ON `work_orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ix_work_orders_completed_at` ON `work_orders` (`completed_at`);