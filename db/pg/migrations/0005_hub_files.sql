-- Attachment originals on the central hub (issue 15, photos over team sync): the bytes a member uploads after the
-- attachment row that names them, content-addressed by sha256 as in a laptop's <dataDir>/files. Local to this
-- database, never replicated (rows travel as ops; bytes only through the hub's file routes).
CREATE TABLE hub_files (
  sha256 text COLLATE "C" PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes = octet_length(bytes)),
  created_at text NOT NULL
);
-- An upload is taken only for bytes some attachment row names: found by hash.
CREATE INDEX ix_attachments_sha256 ON attachments (sha256);
