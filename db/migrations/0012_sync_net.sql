-- Network sync (issue 13): the links of this copy to its peers and the one-time pairing codes made here. Local tables, never replicated.
CREATE TABLE `sync_links` (
	`peer_device_id` text PRIMARY KEY NOT NULL,
	`peer_name` text DEFAULT '' NOT NULL,
	`url` text,
	`link_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`last_sync_at` text,
	`last_error` text,
	`unreachable_since` text
);
--> statement-breakpoint
CREATE TABLE `sync_pairing_codes` (
	`identity` text PRIMARY KEY NOT NULL,
	`pairing_key` text NOT NULL,
	`created_by` text,
	`invitation_id` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_sync_pairing_codes_expires_at` ON `sync_pairing_codes` (`expires_at`);