-- Migration 0008: pushes. A notice is one job run's broadcast (or one reply that could not be sent in
-- time); inserting it is the run's claim of its period key, so two triggers of one period never
-- enqueue twice. The outbox holds one row per (notice, chat), delivered by the sender (src/push/).
-- The playground becomes a chat like the others (platform 'web'), so chats is rebuilt: SQLite cannot
-- change a CHECK. Its two child tables are rebuilt first and pointed at the new table, so that
-- dropping the old one deletes nothing (ON DELETE CASCADE would otherwise empty subscriptions);
-- renaming chats_new to chats then rewrites their references.

CREATE TABLE chats_new (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN ('telegram', 'zalo', 'web')),
  chat_id     TEXT NOT NULL CHECK (chat_id <> ''),
  type        TEXT NOT NULL,
  title       TEXT,
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
  quiet_start TEXT CHECK (quiet_start IS NULL OR quiet_start GLOB '[0-2][0-9]:[0-5][0-9]'),
  quiet_end   TEXT CHECK (quiet_end IS NULL OR quiet_end GLOB '[0-2][0-9]:[0-5][0-9]'),
  opt_outs    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(opt_outs)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (platform, chat_id),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
) STRICT;

INSERT INTO chats_new (id, platform, chat_id, type, title, status, quiet_start, quiet_end, opt_outs, created_at, updated_at)
SELECT id, platform, chat_id, type, title, status, quiet_start, quiet_end, opt_outs, created_at, updated_at FROM chats;

CREATE TABLE subscriptions_new (
  chat_ref   INTEGER PRIMARY KEY REFERENCES chats_new (id) ON DELETE CASCADE,
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'officer')),
  created_at TEXT NOT NULL
) STRICT;

INSERT INTO subscriptions_new (chat_ref, unit_id, role, created_at)
SELECT chat_ref, unit_id, role, created_at FROM subscriptions;

CREATE TABLE invite_codes_new (
  code       TEXT PRIMARY KEY CHECK (code <> ''),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'officer')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_by    INTEGER REFERENCES chats_new (id),
  used_at    TEXT,
  CHECK ((used_by IS NULL) = (used_at IS NULL))
) STRICT;

INSERT INTO invite_codes_new (code, unit_id, role, created_at, expires_at, used_by, used_at)
SELECT code, unit_id, role, created_at, expires_at, used_by, used_at FROM invite_codes;

DROP TABLE subscriptions;
DROP TABLE invite_codes;
DROP TABLE chats;
ALTER TABLE chats_new RENAME TO chats;
ALTER TABLE subscriptions_new RENAME TO subscriptions;
ALTER TABLE invite_codes_new RENAME TO invite_codes;
CREATE INDEX subscriptions_unit ON subscriptions (unit_id);

CREATE TABLE notices (
  key           TEXT PRIMARY KEY CHECK (key <> ''),
  -- 'result-announcement', 'work-schedule', 'late-cases', 'reply', …
  job           TEXT NOT NULL CHECK (job <> ''),
  -- For people, Vietnamese: "Lịch làm việc tuần 12 (18/03–24/03/2024)".
  title         TEXT NOT NULL CHECK (title <> ''),
  scope_unit_id INTEGER REFERENCES units (id),
  -- A delivery summary or a schedule update belongs to the notice it follows.
  parent_key    TEXT REFERENCES notices (key),
  -- 1: once every recipient is settled, the scope's own chats get a delivery summary.
  summarize     INTEGER NOT NULL DEFAULT 0 CHECK (summarize IN (0, 1)),
  -- The instant the job ran as (`job run --at`), and what started it: cron, cli, publish, import, webhook.
  run_at        TEXT NOT NULL,
  trigger       TEXT NOT NULL CHECK (trigger <> ''),
  created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX notices_parent ON notices (parent_key);
CREATE INDEX notices_created ON notices (created_at);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  notice_key      TEXT NOT NULL REFERENCES notices (key),
  chat_ref        INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  platform        TEXT NOT NULL CHECK (platform IN ('telegram', 'zalo', 'web')),
  -- The unit the message is about (a unit's card, a schedule's scope), for updates and summaries.
  subject_unit_id INTEGER REFERENCES units (id),
  -- NULL: not optional. Otherwise the /caidat key that turns it off ('weekly-schedule', 'tthc-reminders').
  opt_out_key     TEXT,
  -- The message, a platform-neutral Reply (commands/reply.ts) rendered by the chat's channel.
  body            TEXT NOT NULL CHECK (json_valid(body)),
  state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'skipped', 'held')),
  -- Not sent before this instant: the end of quiet hours (held), a backoff, a platform's retry_after.
  not_before      TEXT NOT NULL,
  -- Tries refused by a server error or lost on the network, and refusals for the rate (429): each bounded.
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  rate_limited    INTEGER NOT NULL DEFAULT 0 CHECK (rate_limited >= 0),
  -- A reply longer than one platform message goes in parts; those delivered are never sent again.
  parts_sent      INTEGER NOT NULL DEFAULT 0 CHECK (parts_sent >= 0),
  message_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(message_ids)),
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  sent_at         TEXT,
  -- The order deliveries were recorded sent, across the outbox: what the playground page follows
  -- (a clock would not do: a `job run --at` records its own time).
  delivered_seq   INTEGER UNIQUE,
  UNIQUE (notice_key, chat_ref)
) STRICT;

-- The sender's question: "what is due on this platform?"; and per chat, "is an earlier one still open?"
CREATE INDEX outbox_due ON outbox (platform, state, not_before);
CREATE INDEX outbox_chat ON outbox (chat_ref, state, id);
CREATE INDEX outbox_chat_delivered ON outbox (chat_ref, delivered_seq);

-- One sender per platform at a time, across processes (npm start, a CLI job run): the holder renews
-- its lease; a lease past expires_at may be taken, and the taker resumes what its holder left sending.
CREATE TABLE outbox_leases (
  platform   TEXT PRIMARY KEY CHECK (platform IN ('telegram', 'zalo', 'web')),
  holder     TEXT NOT NULL CHECK (holder <> ''),
  expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
