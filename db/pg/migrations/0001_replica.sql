-- The hub's copy of the team's shared state (issue 14): the replicated tables with the names, columns and
-- constraints the laptops use (db/migrations/0000_init.sql), the per-field clocks and the op log.
-- Types: text where the laptop stores text, ISO timestamps included (timestamptz would not give the same text
-- back); boolean for the laptop's 0/1 flags; jsonb for the JSON columns. Natural keys compare lower(x COLLATE "C"),
-- ASCII-only like SQLite's lower(), whatever the database's locale; clocks sort byte-wise (COLLATE "C") as in JS.
-- Local-only columns of a laptop (versions, lockout counters, last login) are not here.

CREATE TABLE roles (
  id text PRIMARY KEY,
  name text NOT NULL,
  permissions jsonb NOT NULL,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE UNIQUE INDEX uq_roles_name ON roles (lower(name COLLATE "C"));

CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL,
  username text NOT NULL,
  full_name text NOT NULL,
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  is_superuser boolean NOT NULL DEFAULT false,
  role_id text REFERENCES roles (id) ON DELETE SET NULL,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE UNIQUE INDEX uq_users_email ON users (lower(email COLLATE "C"));
CREATE UNIQUE INDEX uq_users_username ON users (lower(username COLLATE "C"));
CREATE INDEX ix_users_role_id ON users (role_id);

CREATE TABLE ticket_categories (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE UNIQUE INDEX uq_ticket_categories_name ON ticket_categories (lower(name COLLATE "C"));

CREATE TABLE customers (
  id text PRIMARY KEY,
  name text NOT NULL,
  contact_name text,
  phone text,
  email text,
  address text,
  notes text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_customers_name ON customers (lower(name COLLATE "C"));

CREATE TABLE products (
  id text PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  description text,
  tracks_serial boolean NOT NULL DEFAULT false,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE UNIQUE INDEX uq_products_sku ON products (lower(sku COLLATE "C"));
CREATE INDEX ix_products_name ON products (lower(name COLLATE "C"));

CREATE TABLE tickets (
  id text PRIMARY KEY,
  code text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open',
  priority text NOT NULL DEFAULT 'medium',
  category_id text REFERENCES ticket_categories (id) ON DELETE RESTRICT,
  customer_id text REFERENCES customers (id) ON DELETE RESTRICT,
  creator_id text NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  assigned_to_id text REFERENCES users (id) ON DELETE SET NULL,
  resolution text,
  closed_at text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  CONSTRAINT ck_tickets_status CHECK (status IN ('open', 'in_progress', 'waiting', 'closed')),
  CONSTRAINT ck_tickets_priority CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  CONSTRAINT ck_tickets_closed_resolution CHECK (status <> 'closed' OR resolution IS NOT NULL)
);
CREATE UNIQUE INDEX uq_tickets_code ON tickets (code);
CREATE INDEX ix_tickets_updated_at ON tickets (updated_at, id);
CREATE INDEX ix_tickets_status_updated_at ON tickets (status, updated_at, id);
CREATE INDEX ix_tickets_assigned_to_id ON tickets (assigned_to_id);
CREATE INDEX ix_tickets_customer_id ON tickets (customer_id);
CREATE INDEX ix_tickets_category_id ON tickets (category_id);
CREATE INDEX ix_tickets_creator_id ON tickets (creator_id);

CREATE TABLE work_orders (
  id text PRIMARY KEY,
  code text NOT NULL,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  technician_id text REFERENCES users (id) ON DELETE SET NULL,
  ot_type text NOT NULL,
  status text NOT NULL DEFAULT 'pending_planning',
  scheduled_date text,
  started_at text,
  completed_at text,
  total_duration integer,
  notes text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  CONSTRAINT ck_work_orders_status CHECK (status IN ('pending_planning', 'scheduled', 'in_progress', 'completed', 'cancelled')),
  CONSTRAINT ck_work_orders_ot_type CHECK (ot_type IN ('diagnosis', 'repair', 'install', 'upgrade', 'maintenance')),
  CONSTRAINT ck_work_orders_total_duration CHECK (total_duration IS NULL OR total_duration >= 0),
  CONSTRAINT ck_work_orders_scheduled_needs_plan CHECK (status <> 'scheduled' OR (scheduled_date IS NOT NULL AND technician_id IS NOT NULL))
);
CREATE UNIQUE INDEX uq_work_orders_code ON work_orders (code);
CREATE INDEX ix_work_orders_ticket_id ON work_orders (ticket_id);
CREATE INDEX ix_work_orders_technician_id_scheduled_date ON work_orders (technician_id, scheduled_date);
CREATE INDEX ix_work_orders_status_created_at ON work_orders (status, created_at);

CREATE TABLE ticket_timeline (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  author_id text REFERENCES users (id) ON DELETE SET NULL,
  event_type text NOT NULL,
  content text NOT NULL,
  meta_data jsonb,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  CONSTRAINT ck_ticket_timeline_event_type CHECK (event_type IN ('created', 'note', 'status_change', 'priority_change', 'assignment', 'contact',
    'ot_created', 'ot_updated', 'ot_completed', 'telemetry', 'closed', 'reopened'))
);
CREATE INDEX ix_ticket_timeline_ticket_id_created_at ON ticket_timeline (ticket_id, created_at, id);
CREATE INDEX ix_ticket_timeline_author_id ON ticket_timeline (author_id);
CREATE INDEX ix_ticket_timeline_event_type ON ticket_timeline (event_type);

CREATE TABLE work_order_items (
  id text PRIMARY KEY,
  work_order_id text NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
  product_id text,
  serial_number text,
  quantity integer NOT NULL DEFAULT 1,
  consumed_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  CONSTRAINT ck_work_order_items_quantity CHECK (quantity > 0)
);
CREATE INDEX ix_work_order_items_work_order_id ON work_order_items (work_order_id);
CREATE INDEX ix_work_order_items_serial_number ON work_order_items (serial_number);
CREATE INDEX ix_work_order_items_product_id ON work_order_items (product_id);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE TABLE team_members (
  device_id text PRIMARY KEY,
  slot integer NOT NULL,
  name text NOT NULL,
  public_key text NOT NULL,
  invitation_id text,
  revoked_at text,
  revoked_by text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  CONSTRAINT ck_team_members_slot CHECK (slot BETWEEN 1 AND 99)
);

CREATE TABLE team_invitations (
  id text PRIMARY KEY,
  slot integer NOT NULL,
  expires_at text NOT NULL,
  created_by text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE TABLE code_aliases (
  id text PRIMARY KEY,
  entity text NOT NULL,
  row_id text NOT NULL,
  code text NOT NULL,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_code_aliases_code ON code_aliases (code);
CREATE INDEX ix_code_aliases_row ON code_aliases (entity, row_id);

CREATE TABLE conflict_resolutions (
  id text PRIMARY KEY,
  conflict_id text NOT NULL,
  resolved_by text,
  choice text,
  note text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_conflict_resolutions_conflict_id ON conflict_resolutions (conflict_id);

-- Per-field clocks: the row's insert clock, one clock per field changed since, and the delete's (a tombstone).
CREATE TABLE sync_clocks (
  entity text NOT NULL,
  row_id text NOT NULL,
  row_hlc text COLLATE "C" NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  deleted_hlc text COLLATE "C",
  PRIMARY KEY (entity, row_id)
);

-- The op log, as the laptop's sync_ops: every op received, with what became of it. fields and base are json (not
-- jsonb) so an op is relayed to other members exactly as it came.
CREATE TABLE sync_ops (
  device_id text COLLATE "C" NOT NULL,
  seq integer NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  entity text NOT NULL,
  row_id text NOT NULL,
  kind text NOT NULL,
  fields json NOT NULL,
  base json,
  author_id text,
  schema_version integer NOT NULL,
  status text NOT NULL DEFAULT 'applied',
  PRIMARY KEY (device_id, seq),
  CONSTRAINT ck_sync_ops_kind CHECK (kind IN ('insert', 'update', 'delete')),
  CONSTRAINT ck_sync_ops_seq CHECK (seq >= 1),
  CONSTRAINT ck_sync_ops_status CHECK (status IN ('applied', 'forbidden', 'revoked', 'invalid', 'future', 'waiting'))
);
-- Pull by vector reads (device_id, seq) ranges through the primary key; these serve clock order and held ops.
CREATE INDEX ix_sync_ops_hlc ON sync_ops (hlc);
CREATE INDEX ix_sync_ops_not_applied ON sync_ops (status, hlc, seq) WHERE status <> 'applied';
-- A user's role and a role's permissions as they were when an op was made (authority): people's ops by row and clock.
CREATE INDEX ix_sync_ops_users ON sync_ops (row_id, hlc) WHERE entity = 'users';
CREATE INDEX ix_sync_ops_roles ON sync_ops (row_id, hlc) WHERE entity = 'roles';

-- The vector a copy started from when it began from a snapshot instead of the whole log (the laptop's vector_floor).
CREATE TABLE sync_vector_floor (
  device_id text COLLATE "C" PRIMARY KEY,
  seq integer NOT NULL CHECK (seq >= 0)
);
