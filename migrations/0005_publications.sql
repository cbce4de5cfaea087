-- Migration 0005: one row per published scope and year. Publishing freezes the scope's results into
-- published_results; this row records the act itself (when, which methodology, how many units) and,
-- once the chat side has told subscribers, when that announcement went out. A publication may be
-- withdrawn only while announced_at is NULL: after that, chairs have read the figures.

CREATE TABLE publications (
  scope_unit_id       INTEGER NOT NULL REFERENCES units (id),
  year                INTEGER NOT NULL,
  published_on        TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  methodology_id      TEXT NOT NULL,
  methodology_version TEXT NOT NULL,
  unit_count          INTEGER NOT NULL CHECK (unit_count > 0),
  source              TEXT NOT NULL CHECK (source <> ''),
  sample              INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  created_at          TEXT NOT NULL,
  announced_at        TEXT,
  PRIMARY KEY (scope_unit_id, year),
  FOREIGN KEY (methodology_id, methodology_version) REFERENCES methodologies (id, version)
) STRICT;

-- The announcer's question: "what has been published and not yet announced?"
CREATE INDEX publications_unannounced ON publications (announced_at, published_on);
