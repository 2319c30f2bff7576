ALTER TABLE `ticket_search_docs` ADD `status` text;--> statement-breakpoint
-- The status tabs filter searches: keep each ticket's status beside its FTS key as well.
UPDATE `ticket_search_docs` SET `status` = (SELECT `status` FROM `tickets` WHERE `tickets`.`id` = `ticket_search_docs`.`ticket_id`);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_tickets_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_insert` AFTER INSERT ON `tickets` BEGIN
	INSERT INTO `ticket_search_docs` (`ticket_id`, `updated_at`, `status`) VALUES (new.`id`, new.`updated_at`, new.`status`);
	INSERT INTO `ticket_search` (rowid, code, title, description, customer, timeline)
	VALUES (
		(SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`),
		new.`code`, new.`title`, new.`description`,
		coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), ''),
		''
	);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_tickets_search_docs_updated_at`;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_docs_sync` AFTER UPDATE OF `updated_at`, `status` ON `tickets` BEGIN
	UPDATE `ticket_search_docs` SET `updated_at` = new.`updated_at`, `status` = new.`status` WHERE `ticket_id` = new.`id`;
END;
