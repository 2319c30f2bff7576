DROP INDEX `ix_tickets_customer_id`;--> statement-breakpoint
DROP INDEX `ix_tickets_category_id`;--> statement-breakpoint
CREATE INDEX `ix_tickets_customer_id_updated_at` ON `tickets` (`customer_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_category_id_updated_at` ON `tickets` (`category_id`,`updated_at`,`id`);