-- Invitations an admin can see and call off: the name typed for the member on the invitation (old rows have none),
-- and an add-only table of cancellations (an invitation used with one is refused by every member and hub); then the
-- capture triggers of both tables, regenerated from electron/services/sync/entities.ts (sqlgen.refreshCaptureTriggersSql).
CREATE TABLE `team_invitation_cancellations` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_id` text NOT NULL,
	`cancelled_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_team_invitation_cancellations_invitation_id` ON `team_invitation_cancellations` (`invitation_id`);
--> statement-breakpoint
ALTER TABLE `team_invitations` ADD `member_name` text;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitations_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitation_cancellations_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitation_cancellations_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tr_sync_team_invitation_cancellations_delete`;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_insert` AFTER INSERT ON `team_invitations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', new.`id`, 'insert', json_object('slot', new.`slot`, 'expires_at', new.`expires_at`, 'created_by', new.`created_by`, 'member_name', new.`member_name`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_update` AFTER UPDATE OF `slot`, `expires_at`, `created_by`, `member_name`, `created_at`, `updated_at` ON `team_invitations` WHEN (old.`slot` IS NOT new.`slot` OR old.`expires_at` IS NOT new.`expires_at` OR old.`created_by` IS NOT new.`created_by` OR old.`member_name` IS NOT new.`member_name` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', new.`id`, 'update', '{' || substr(CASE WHEN old.`slot` IS NOT new.`slot` THEN ',"slot":' || json_quote(new.`slot`) ELSE '' END || CASE WHEN old.`expires_at` IS NOT new.`expires_at` THEN ',"expires_at":' || json_quote(new.`expires_at`) ELSE '' END || CASE WHEN old.`created_by` IS NOT new.`created_by` THEN ',"created_by":' || json_quote(new.`created_by`) ELSE '' END || CASE WHEN old.`member_name` IS NOT new.`member_name` THEN ',"member_name":' || json_quote(new.`member_name`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitations_delete` AFTER DELETE ON `team_invitations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitations', old.`id`, 'delete', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitation_cancellations_insert` AFTER INSERT ON `team_invitation_cancellations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitation_cancellations', new.`id`, 'insert', json_object('invitation_id', new.`invitation_id`, 'cancelled_by', new.`cancelled_by`, 'created_at', new.`created_at`, 'updated_at', new.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitation_cancellations_update` AFTER UPDATE OF `invitation_id`, `cancelled_by`, `created_at`, `updated_at` ON `team_invitation_cancellations` WHEN (old.`invitation_id` IS NOT new.`invitation_id` OR old.`cancelled_by` IS NOT new.`cancelled_by` OR old.`created_at` IS NOT new.`created_at` OR old.`updated_at` IS NOT new.`updated_at`) AND (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitation_cancellations', new.`id`, 'update', '{' || substr(CASE WHEN old.`invitation_id` IS NOT new.`invitation_id` THEN ',"invitation_id":' || json_quote(new.`invitation_id`) ELSE '' END || CASE WHEN old.`cancelled_by` IS NOT new.`cancelled_by` THEN ',"cancelled_by":' || json_quote(new.`cancelled_by`) ELSE '' END || CASE WHEN old.`created_at` IS NOT new.`created_at` THEN ',"created_at":' || json_quote(new.`created_at`) ELSE '' END || CASE WHEN old.`updated_at` IS NOT new.`updated_at` THEN ',"updated_at":' || json_quote(new.`updated_at`) ELSE '' END, 2) || '}');
END;
--> statement-breakpoint
CREATE TRIGGER `tr_sync_team_invitation_cancellations_delete` AFTER DELETE ON `team_invitation_cancellations` WHEN (SELECT `capture` FROM `sync_local` WHERE `id` = 1) = 1 BEGIN
	INSERT INTO `sync_capture` (`entity`, `row_id`, `kind`, `new_values`) VALUES ('team_invitation_cancellations', old.`id`, 'delete', NULL);
END;
