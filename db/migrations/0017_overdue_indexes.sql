-- Atrasadas (#16 part 3): partial indexes of the active OTs only (scheduled by date, in progress by start), read by
-- electron/services/workOrders/overdue.ts; small whatever the years of completed work.
CREATE INDEX `ix_work_orders_overdue_scheduled` ON `work_orders` (`scheduled_date`,`id`) WHERE "work_orders"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX `ix_work_orders_overdue_running` ON `work_orders` (`started_at`,`id`) WHERE "work_orders"."status" = 'in_progress';