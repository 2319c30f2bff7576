-- Invitations an admin can see and call off, as the laptops' db/migrations/0034_team_invitation_cancellations.sql: the
-- name typed for the member (old rows have none), and the add-only table of cancellations the hub reads when a device
-- it does not know yet introduces itself in a push.
ALTER TABLE team_invitations ADD COLUMN member_name text;

CREATE TABLE team_invitation_cancellations (
  id text PRIMARY KEY,
  invitation_id text NOT NULL,
  cancelled_by text,
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  updated_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX ix_team_invitation_cancellations_invitation_id ON team_invitation_cancellations (invitation_id);
