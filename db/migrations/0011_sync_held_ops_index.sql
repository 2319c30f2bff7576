-- Ops kept aside are few among millions: the team status counts them and every import retries the held ones.
CREATE INDEX `ix_sync_ops_not_applied` ON `sync_ops` (`status`) WHERE `status` <> 'applied';
--> statement-breakpoint
-- A user's role and a role's permissions as they were when an op was made (authority.ts): only people's ops, by row and clock.
CREATE INDEX `ix_sync_ops_users` ON `sync_ops` (`row_id`, `hlc`) WHERE `entity` = 'users';
--> statement-breakpoint
CREATE INDEX `ix_sync_ops_roles` ON `sync_ops` (`row_id`, `hlc`) WHERE `entity` = 'roles';
