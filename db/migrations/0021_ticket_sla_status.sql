-- Each ticket's status kept in ticket_sla (issue 16 part 5): the tab counts of an SLA filter ('Vencidos', 'En riesgo')
-- read this index alone instead of visiting every matching ticket. Derived data: emptied here (which also drops rows
-- written before ended clocks sorted last), refilled at startup.
ALTER TABLE `ticket_sla` ADD `status` text;
--> statement-breakpoint
DELETE FROM `ticket_sla`;
--> statement-breakpoint
CREATE INDEX `ix_ticket_sla_sort_due_status` ON `ticket_sla` (`sort_due`,`status`);
