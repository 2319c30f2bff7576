-- Ops kept aside are few among millions: the team status counts them and every import retries the held ones.
CREATE INDEX `ix_sync_ops_not_applied` ON `sync_ops` (`status`) WHERE `status` <> 'applied';
