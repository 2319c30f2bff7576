-- Scheduling (issue 16), as the laptops' db/migrations/0016_schedule_fields.sql: a customer's town and an OT's
-- estimated minutes (null: the OT type's default, the replicated setting workOrderDefaultMinutes, which needs no
-- column: settings rows are key/value).
ALTER TABLE customers ADD COLUMN town text;
ALTER TABLE work_orders ADD COLUMN estimated_minutes integer;
