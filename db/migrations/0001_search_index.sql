-- Full-text index over each ticket: code, title, description, customer name and all timeline text.
-- unicode61 with remove_diacritics folds accents (tecnico finds técnico); prefix indexes speed up "abc*".
-- Kept in step by triggers, so every write that changes a ticket updates it in the same transaction.
CREATE VIRTUAL TABLE `ticket_search` USING fts5(
	code, title, description, customer, timeline,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_insert` AFTER INSERT ON `tickets` BEGIN
	INSERT INTO `ticket_search_docs` (`ticket_id`) VALUES (new.`id`);
	INSERT INTO `ticket_search` (rowid, code, title, description, customer, timeline)
	VALUES (
		(SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`),
		new.`code`, new.`title`, new.`description`,
		coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), ''),
		''
	);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_update` AFTER UPDATE OF `code`, `title`, `description`, `customer_id` ON `tickets` BEGIN
	UPDATE `ticket_search` SET
		code = new.`code`,
		title = new.`title`,
		description = new.`description`,
		customer = coalesce((SELECT `name` FROM `customers` WHERE `id` = new.`customer_id`), '')
	WHERE rowid = (SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_tickets_search_delete` BEFORE DELETE ON `tickets` BEGIN
	DELETE FROM `ticket_search` WHERE rowid = (SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_ticket_timeline_search_insert` AFTER INSERT ON `ticket_timeline` BEGIN
	UPDATE `ticket_search` SET timeline = timeline || char(10) || new.`content`
	WHERE rowid = (SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`ticket_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_customers_search_rename` AFTER UPDATE OF `name` ON `customers` BEGIN
	UPDATE `ticket_search` SET customer = new.`name`
	WHERE rowid IN (
		SELECT d.`doc_id` FROM `ticket_search_docs` d JOIN `tickets` t ON t.`id` = d.`ticket_id`
		WHERE t.`customer_id` = new.`id`
	);
END;
--> statement-breakpoint
-- The timeline is append-only: nothing edits an event (author_id may still be nulled by its FK action).
CREATE TRIGGER `tr_ticket_timeline_no_update`
BEFORE UPDATE OF `ticket_id`, `event_type`, `content`, `meta_data`, `created_at` ON `ticket_timeline` BEGIN
	SELECT RAISE(ABORT, 'ticket_timeline is append-only');
END;
