-- The open OTs (scheduled, in progress) by technician, a partial index read by the dispatch board (a deactivated
-- technician keeps a row while holding one) and by users.openWorkOrders (the deactivate dialog's count).
CREATE INDEX `ix_work_orders_open_technician` ON `work_orders` (`technician_id`,`status`) WHERE "work_orders"."status" in ('scheduled', 'in_progress');