-- The central hub's own tables (issue 14): who the hub is in the team, the devices linked with it, and the one-time
-- pairing codes made for it. Local to this database, never replicated (as sync_local, sync_links and
-- sync_pairing_codes on a laptop: db/migrations/0008_sync_tables.sql, 0012_sync_net.sql).

-- One row: the hub is a member device of the team (its own slot and keys), as a laptop's sync_local holds them.
CREATE TABLE hub_identity (
  id integer PRIMARY KEY CHECK (id = 1),
  device_id text COLLATE "C" NOT NULL CHECK (device_id ~ '^[0-9a-f]{16}$'),
  device_name text NOT NULL,
  team_id text NOT NULL,
  team_name text NOT NULL,
  -- base64 of 32 bytes: encrypts bundles; the hub hands it to newcomers in their invitation, like a founder laptop.
  team_key text NOT NULL,
  slot integer NOT NULL CHECK (slot BETWEEN 1 AND 99),
  private_key text NOT NULL,
  public_key text NOT NULL,
  -- The hub's own ops (an invitation made at pairing): the last stamp and the next sequence number it gives.
  last_hlc text COLLATE "C" NOT NULL DEFAULT '',
  next_seq integer NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
  -- Where members reach the hub, as the last `hub --listen` said (team pair-code prints it).
  listen_urls jsonb NOT NULL DEFAULT '[]',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

-- Each device paired with the hub and the pre-shared key of that link.
CREATE TABLE sync_links (
  peer_device_id text COLLATE "C" PRIMARY KEY,
  peer_name text NOT NULL DEFAULT '',
  link_key text NOT NULL,
  fingerprint text NOT NULL,
  created_at text NOT NULL,
  last_sync_at text,
  -- The member's vector when it was last in step with the hub (what every member has seen: compaction, status).
  last_vector jsonb
);

-- Codes made by an admin (created_by, a users row): only what the code derives is kept, for minutes, for one use.
CREATE TABLE sync_pairing_codes (
  identity text COLLATE "C" PRIMARY KEY,
  pairing_key text NOT NULL,
  created_by text,
  invitation_id text,
  expires_at text COLLATE "C" NOT NULL,
  used_at text,
  created_at text NOT NULL
);
CREATE INDEX ix_sync_pairing_codes_expires_at ON sync_pairing_codes (expires_at);
