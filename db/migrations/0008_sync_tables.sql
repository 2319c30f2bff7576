CREATE TABLE `code_aliases` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`code` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_code_aliases_code` ON `code_aliases` (`code`);--> statement-breakpoint
CREATE INDEX `ix_code_aliases_row` ON `code_aliases` (`entity`,`row_id`);--> statement-breakpoint
CREATE TABLE `conflict_resolutions` (
	`id` text PRIMARY KEY NOT NULL,
	`conflict_id` text NOT NULL,
	`resolved_by` text,
	`choice` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_conflict_resolutions_conflict_id` ON `conflict_resolutions` (`conflict_id`);--> statement-breakpoint
CREATE TABLE `sync_capture` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`kind` text NOT NULL,
	`old_values` text,
	`new_values` text
);
--> statement-breakpoint
CREATE TABLE `sync_clocks` (
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`row_hlc` text NOT NULL,
	`fields` text DEFAULT '{}' NOT NULL,
	`deleted_hlc` text,
	PRIMARY KEY(`entity`, `row_id`),
	CONSTRAINT "ck_sync_clocks_fields_json" CHECK(json_valid("sync_clocks"."fields"))
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text,
	`detail` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_sync_conflicts_detail_json" CHECK(json_valid("sync_conflicts"."detail"))
);
--> statement-breakpoint
CREATE INDEX `ix_sync_conflicts_row` ON `sync_conflicts` (`entity`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_field_edits` (
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`base` text NOT NULL,
	`hlc` text NOT NULL,
	`device_id` text NOT NULL,
	`author_id` text,
	`value` text,
	PRIMARY KEY(`entity`, `row_id`, `field`, `hlc`)
);
--> statement-breakpoint
CREATE INDEX `ix_sync_field_edits_base` ON `sync_field_edits` (`entity`,`row_id`,`field`,`base`);--> statement-breakpoint
CREATE TABLE `sync_local` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`device_name` text DEFAULT '' NOT NULL,
	`team_id` text,
	`team_name` text,
	`team_key` text,
	`slot` integer,
	`private_key` text,
	`public_key` text,
	`last_hlc` text DEFAULT '' NOT NULL,
	`next_seq` integer DEFAULT 1 NOT NULL,
	`capture` integer DEFAULT 1 NOT NULL,
	`vector_floor` text DEFAULT '{}' NOT NULL,
	`last_export_at` text,
	`last_import_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_sync_local_single_row" CHECK("sync_local"."id" = 1),
	CONSTRAINT "ck_sync_local_capture" CHECK("sync_local"."capture" in (0, 1))
);
--> statement-breakpoint
CREATE TABLE `sync_ops` (
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`hlc` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`kind` text NOT NULL,
	`fields` text NOT NULL,
	`base` text,
	`author_id` text,
	`schema_version` integer NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	PRIMARY KEY(`device_id`, `seq`),
	CONSTRAINT "ck_sync_ops_kind" CHECK("sync_ops"."kind" in ('insert', 'update', 'delete')),
	CONSTRAINT "ck_sync_ops_fields_json" CHECK(json_valid("sync_ops"."fields")),
	CONSTRAINT "ck_sync_ops_seq" CHECK("sync_ops"."seq" >= 1)
);
--> statement-breakpoint
CREATE INDEX `ix_sync_ops_hlc` ON `sync_ops` (`hlc`);--> statement-breakpoint
CREATE TABLE `team_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`slot` integer NOT NULL,
	`expires_at` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`device_id` text PRIMARY KEY NOT NULL,
	`slot` integer NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`invitation_id` text,
	`revoked_at` text,
	`revoked_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "ck_team_members_slot" CHECK("team_members"."slot" between 1 and 99)
);
