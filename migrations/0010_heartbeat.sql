-- Migration 0010: one row /health rewrites, so that it checks a write can commit (a read-only file or
-- a full disk still answers reads).

CREATE TABLE heartbeat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
) STRICT;
