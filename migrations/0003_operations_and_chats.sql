-- Migration 0003: TTHC case statistics, work schedules, the chat side (chats, subscriptions, invite
-- codes, processed updates for exactly-once handling) and the audit log of every change.

CREATE TABLE tthc_stats (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES units (id),
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL,
  received         INTEGER NOT NULL CHECK (received >= 0),
  resolved_early   INTEGER NOT NULL CHECK (resolved_early >= 0),
  resolved_on_time INTEGER NOT NULL CHECK (resolved_on_time >= 0),
  resolved_late    INTEGER NOT NULL CHECK (resolved_late >= 0),
  pending_in_time  INTEGER NOT NULL CHECK (pending_in_time >= 0),
  pending_overdue  INTEGER NOT NULL CHECK (pending_overdue >= 0),
  apologies_sent   INTEGER NOT NULL CHECK (apologies_sent >= 0),
  as_of            TEXT,
  source           TEXT NOT NULL CHECK (source <> ''),
  sample           INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  UNIQUE (unit_id, period_start, period_end),
  CHECK (period_start <= period_end)
) STRICT;

CREATE INDEX tthc_stats_unit_end ON tthc_stats (unit_id, period_end);

CREATE TABLE work_schedules (
  id            INTEGER PRIMARY KEY,
  scope_unit_id INTEGER NOT NULL REFERENCES units (id),
  iso_year      INTEGER NOT NULL,
  iso_week      INTEGER NOT NULL CHECK (iso_week BETWEEN 1 AND 53),
  date          TEXT NOT NULL,
  start_time    TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  end_time      TEXT CHECK (end_time IS NULL OR end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  title         TEXT NOT NULL CHECK (title <> ''),
  location      TEXT,
  participants  TEXT,
  source        TEXT NOT NULL CHECK (source <> ''),
  sample        INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
) STRICT;

CREATE INDEX work_schedules_scope_week ON work_schedules (scope_unit_id, iso_year, iso_week, date, start_time);

CREATE TABLE chats (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN ('telegram', 'zalo')),
  -- Text, never a number: Telegram ids exceed 2^53 in some clients' hands and Zalo ids are opaque.
  chat_id     TEXT NOT NULL CHECK (chat_id <> ''),
  type        TEXT NOT NULL,
  title       TEXT,
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
  -- Local (Asia/Ho_Chi_Minh) 'HH:MM'; both NULL = no quiet hours.
  quiet_start TEXT CHECK (quiet_start IS NULL OR quiet_start GLOB '[0-2][0-9]:[0-5][0-9]'),
  quiet_end   TEXT CHECK (quiet_end IS NULL OR quiet_end GLOB '[0-2][0-9]:[0-5][0-9]'),
  opt_outs    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(opt_outs)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (platform, chat_id),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
) STRICT;

-- A chat is linked to one unit at a time; the chat row's id (not the platform id) is referenced, so a
-- Telegram group upgraded to a supergroup keeps its link when its chat_id changes.
CREATE TABLE subscriptions (
  chat_ref   INTEGER PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE,
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'officer')),
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX subscriptions_unit ON subscriptions (unit_id);

CREATE TABLE invite_codes (
  code       TEXT PRIMARY KEY CHECK (code <> ''),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'officer')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_by    INTEGER REFERENCES chats (id),
  used_at    TEXT,
  CHECK ((used_by IS NULL) = (used_at IS NULL))
) STRICT;

CREATE TABLE processed_updates (
  platform     TEXT NOT NULL CHECK (platform IN ('telegram', 'zalo')),
  update_key   TEXT NOT NULL CHECK (update_key <> ''),
  processed_at TEXT NOT NULL,
  PRIMARY KEY (platform, update_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX processed_updates_age ON processed_updates (processed_at);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL CHECK (actor <> ''),
  action    TEXT NOT NULL CHECK (action <> ''),
  entity    TEXT NOT NULL CHECK (entity <> ''),
  entity_id TEXT,
  details   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
