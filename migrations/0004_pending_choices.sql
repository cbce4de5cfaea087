-- Migration 0004: the choices a chat was last offered, so that a Zalo user who answers "2" to a
-- numbered list gets the second option run. Keyed by the platform's chat id rather than chats.id:
-- the web playground and the CLI chat too, and they have no row in chats. Conversational state, not a
-- record of the product, so it is neither audited nor kept: a new offer replaces the row, and a row
-- past expires_at is ignored and may be purged.

CREATE TABLE pending_choices (
  platform   TEXT NOT NULL CHECK (platform IN ('telegram', 'zalo', 'web', 'cli')),
  chat_id    TEXT NOT NULL CHECK (chat_id <> ''),
  -- [{"label": "...", "command": "/diem #123 2022"}, ...] in the order they were numbered.
  choices    TEXT NOT NULL CHECK (json_valid(choices) AND json_type(choices) = 'array'),
  offered_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id),
  CHECK (offered_at <= expires_at)
) STRICT, WITHOUT ROWID;

CREATE INDEX pending_choices_expiry ON pending_choices (expires_at);
