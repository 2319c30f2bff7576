-- Codes a ticket or work order had before its copy joined a team stay searchable: the ticket's FTS `code`
-- column holds its code followed by its aliases and those of its work orders (code_aliases, see DESIGN.md "Team sync").
DROP TRIGGER IF EXISTS `tr_tickets_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_insert` AFTER INSERT ON `tickets` BEGIN
	INSERT INTO `ticket_search_docs` (`ticket_id`, `updated_at`, `status`) VALUES (new.`id`, new.`updated_at`, new.`status`);
	INSERT INTO `ticket_search` (rowid, code, title, description, customer, timeline)
	VALUES (
		(SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`),
		new.`code` || coalesce((SELECT ' ' || group_concat(a.`code`, ' ') FROM `code_aliases` a
			WHERE (a.`entity` = 'tickets' AND a.`row_id` = new.`id`)
			   OR (a.`entity` = 'work_orders' AND a.`row_id` IN (SELECT w.`id` FROM `work_orders` w WHERE w.`ticket_id` = new.`id`))), ''),
		new.`title`, new.`description`,
		coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), ''),
		''
	);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_tickets_search_update`;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_update` AFTER UPDATE OF `code`, `title`, `description`, `customer_id` ON `tickets` BEGIN
	UPDATE `ticket_search` SET
		code = new.`code` || coalesce((SELECT ' ' || group_concat(a.`code`, ' ') FROM `code_aliases` a
			WHERE (a.`entity` = 'tickets' AND a.`row_id` = new.`id`)
			   OR (a.`entity` = 'work_orders' AND a.`row_id` IN (SELECT w.`id` FROM `work_orders` w WHERE w.`ticket_id` = new.`id`))), ''),
		title = new.`title`,
		description = new.`description`,
		customer = coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), '')
	WHERE rowid = (SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_code_aliases_search_insert` AFTER INSERT ON `code_aliases` BEGIN
	UPDATE `ticket_search` SET code = code || ' ' || new.`code`
	WHERE rowid = (SELECT d.`doc_id` FROM `ticket_search_docs` d WHERE d.`ticket_id` = CASE new.`entity`
		WHEN 'tickets' THEN new.`row_id`
		WHEN 'work_orders' THEN (SELECT w.`ticket_id` FROM `work_orders` w WHERE w.`id` = new.`row_id`)
	END);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_code_aliases_search_delete` AFTER DELETE ON `code_aliases` BEGIN
	UPDATE `ticket_search` SET code = (SELECT t.`code` FROM `tickets` t WHERE t.`id` = d.`ticket_id`)
		|| coalesce((SELECT ' ' || group_concat(a.`code`, ' ') FROM `code_aliases` a
			WHERE (a.`entity` = 'tickets' AND a.`row_id` = d.`ticket_id`)
			   OR (a.`entity` = 'work_orders' AND a.`row_id` IN (SELECT w.`id` FROM `work_orders` w WHERE w.`ticket_id` = d.`ticket_id`))), '')
	FROM (SELECT `doc_id`, `ticket_id` FROM `ticket_search_docs` WHERE `ticket_id` = CASE old.`entity`
		WHEN 'tickets' THEN old.`row_id`
		WHEN 'work_orders' THEN (SELECT w.`ticket_id` FROM `work_orders` w WHERE w.`id` = old.`row_id`)
	END) d
	WHERE ticket_search.rowid = d.`doc_id`;
END;
