-- Migration 0014: which token issued a token. Officers issue tokens through the admin API (a province
-- for its districts, a district for a second clerk); revoking a token revokes every token issued from it,
-- down the chain, so a leaked token cannot leave a working copy behind. Tokens made by the CLI or with
-- ADMIN_TOKEN have no issuer.

ALTER TABLE admin_tokens ADD COLUMN issued_by INTEGER REFERENCES admin_tokens (id);
CREATE INDEX admin_tokens_issued_by ON admin_tokens (issued_by);
