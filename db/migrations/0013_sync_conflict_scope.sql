-- Every write re-checks the conflicts of the scopes it touched (conflicts.ts): find them through indexes, never by
-- reading the detail of every recorded conflict. By kind and scope:
CREATE INDEX `ix_sync_conflicts_scope` ON `sync_conflicts` (`kind`, json_extract(`detail`, '$.scope'));
--> statement-breakpoint
-- By a row a duplicate lists (an item of a serial, a customer of a name), kept in step with the detail by triggers.
CREATE TABLE `sync_conflict_members` (
	`member_id` text NOT NULL,
	`conflict_id` text NOT NULL,
	CONSTRAINT `pk_sync_conflict_members` PRIMARY KEY(`member_id`, `conflict_id`)
);
--> statement-breakpoint
CREATE INDEX `ix_sync_conflict_members_conflict` ON `sync_conflict_members` (`conflict_id`);
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflicts_members_insert` AFTER INSERT ON `sync_conflicts` BEGIN
	INSERT OR IGNORE INTO `sync_conflict_members` (`member_id`, `conflict_id`)
	SELECT e.value, new.`id` FROM json_each(new.`detail`, '$.items') e UNION SELECT e.value, new.`id` FROM json_each(new.`detail`, '$.customers') e;
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflicts_members_update` AFTER UPDATE OF `detail` ON `sync_conflicts` BEGIN
	DELETE FROM `sync_conflict_members` WHERE `conflict_id` = old.`id`;
	INSERT OR IGNORE INTO `sync_conflict_members` (`member_id`, `conflict_id`)
	SELECT e.value, new.`id` FROM json_each(new.`detail`, '$.items') e UNION SELECT e.value, new.`id` FROM json_each(new.`detail`, '$.customers') e;
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_conflicts_members_delete` AFTER DELETE ON `sync_conflicts` BEGIN
	DELETE FROM `sync_conflict_members` WHERE `conflict_id` = old.`id`;
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `sync_conflict_members` (`member_id`, `conflict_id`)
SELECT e.value, c.`id` FROM `sync_conflicts` c, json_each(c.`detail`, '$.items') e
UNION SELECT e.value, c.`id` FROM `sync_conflicts` c, json_each(c.`detail`, '$.customers') e;
