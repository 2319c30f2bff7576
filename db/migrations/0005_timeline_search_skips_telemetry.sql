-- Telemetry readings are numbers nobody searches for, and a tool may stream thousands into one ticket:
-- re-indexing the ticket's whole timeline text for each of them made every reading slower than the last.
DROP TRIGGER IF EXISTS `tr_ticket_timeline_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `tr_ticket_timeline_search_insert` AFTER INSERT ON `ticket_timeline`
WHEN new.`event_type` <> 'telemetry' BEGIN
	UPDATE `ticket_search` SET timeline = timeline || char(10) || new.`content`
	WHERE rowid = (SELECT `doc_id` FROM `ticket_search_docs` WHERE `ticket_id` = new.`ticket_id`);
END;
