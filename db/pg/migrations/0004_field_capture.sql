-- Field capture (issue 15), as the laptops' db/migrations/0022_field_capture.sql: work done apart from internal notes,
-- a typed duration's reason, product units, free-text and removed parts with decimal quantities, checklist answers,
-- signatures and attachment rows (the bytes of an attachment stay in the members' data folders).
ALTER TABLE products ADD COLUMN unit text NOT NULL DEFAULT 'unit' CHECK (unit IN ('unit', 'kg', 'm', 'l'));
ALTER TABLE work_orders ADD COLUMN work_done text;
ALTER TABLE work_orders ADD COLUMN duration_reason text;
ALTER TABLE work_order_items ALTER COLUMN quantity TYPE double precision;
ALTER TABLE work_order_items ADD COLUMN description text;
ALTER TABLE work_order_items ADD COLUMN direction text NOT NULL DEFAULT 'installed' CHECK (direction IN ('installed', 'removed'));
ALTER TABLE work_order_items ADD COLUMN unit text NOT NULL DEFAULT 'unit' CHECK (unit IN ('unit', 'kg', 'm', 'l'));

CREATE TABLE work_order_checklist_answers (
  id text PRIMARY KEY,
  work_order_id text NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
  item_key text NOT NULL,
  label text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('check', 'number', 'text')),
  unit text,
  required boolean NOT NULL DEFAULT false,
  value text,
  note text,
  answered_by text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_work_order_checklist_answers_work_order_id ON work_order_checklist_answers (work_order_id);

CREATE TABLE work_order_signatures (
  id text PRIMARY KEY,
  work_order_id text NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('customer', 'technician')),
  signer_name text NOT NULL,
  signer_id_number text,
  strokes text NOT NULL,
  image_png text NOT NULL,
  content_hash text NOT NULL,
  signed_by text,
  signed_at text NOT NULL,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_work_order_signatures_work_order_id ON work_order_signatures (work_order_id, signed_at);

CREATE TABLE attachments (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  work_order_id text REFERENCES work_orders (id) ON DELETE CASCADE,
  sha256 text NOT NULL,
  mime text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  width integer,
  height integer,
  file_name text NOT NULL,
  created_by text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_attachments_ticket_id ON attachments (ticket_id, created_at);
CREATE INDEX ix_attachments_work_order_id ON attachments (work_order_id, created_at);
