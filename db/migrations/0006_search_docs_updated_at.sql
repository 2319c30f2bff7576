ALTER TABLE `ticket_search_docs` ADD `updated_at` text;--> statement-breakpoint
-- Search results sort by the ticket's updated_at: keeping it beside the FTS key lets a search sort its
-- matches without reading every matching ticket row (7k matches: 20 ms → a few ms).
UPDATE `ticket_search_docs` SET `updated_at` = (SELECT `updated_at` FROM `tickets` WHERE `tickets`.`id` = `ticket_search_docs`.`ticket_id`);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_tickets_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_insert` AFTER INSERT ON `tickets` BEGIN
	INSERT INTO `ticket_search_docs` (`ticket_id`, `updated_at`) VALUES (new.`id`, new.`updated_at`);
	INSERT INTO `ticket_search` (rowid, code, title, description, customer, timeline)
	VALUES (
		(SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`),
		new.`code`, new.`title`, new.`description`,
		coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), ''),
		''
	);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_docs_updated_at` AFTER UPDATE OF `updated_at` ON `tickets` BEGIN
	UPDATE `ticket_search_docs` SET `updated_at` = new.`updated_at` WHERE `ticket_id` = new.`id`;
END;
