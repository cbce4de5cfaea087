-- Migration 0013: the officers' bearer tokens of the admin API (/admin). Only the SHA-256 of a token's
-- secret is kept (the secret is shown once, by `token create`); each token acts for one role over the
-- subtree of one unit (a province officer's province, a district officer's district) until it expires
-- or is revoked. ADMIN_TOKEN is not stored here: it only bootstraps.
--
-- The audit log gains the unit a change was made for (the admin API's scope), so `GET /admin/audit` can
-- show an officer the changes made within their subtree; rows written before, or by the CLI, have none.

CREATE TABLE admin_tokens (
  id          INTEGER PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
  role        TEXT NOT NULL CHECK (role IN ('province', 'district')),
  unit_id     INTEGER NOT NULL REFERENCES units (id),
  label       TEXT,
  created_at  TEXT NOT NULL,
  expires_at  TEXT,
  revoked_at  TEXT
) STRICT;

ALTER TABLE audit_log ADD COLUMN unit_id INTEGER REFERENCES units (id);
CREATE INDEX audit_log_unit ON audit_log (unit_id, at);
