-- Dispatch board (#16): a busy week (~2,500 OTs) read from indexes alone. The technician+date index also carries the
-- columns the board draws, and a ticket's customer and priority come from ix_tickets_id_customer_id_priority.
DROP INDEX `ix_work_orders_technician_id_scheduled_date`;--> statement-breakpoint
CREATE INDEX `ix_work_orders_technician_id_scheduled_date` ON `work_orders` (`technician_id`,`scheduled_date`,`status`,`ot_type`,`estimated_minutes`,`started_at`,`version`,`code`,`ticket_id`,`id`);--> statement-breakpoint
CREATE INDEX `ix_tickets_id_customer_id_priority` ON `tickets` (`id`,`customer_id`,`priority`);