-- Migration 0001: administrative units with history, and their lineage.
-- A GSO code is not an identity: codes were reused after the July 2025 reform (old Xã Tân Hồng 10972
-- and new Xã Đường An 10972), so every unit has a surrogate id and a code is unique per level only
-- within a validity window (enforced by the triggers below, since SQLite has no exclusion constraint).
-- Dates are ISO 'YYYY-MM-DD', inclusive; NULL valid_from = start unknown, NULL valid_to = still valid.

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  -- Natural key of the loader that owns the row ("new:commune:10972"), so a refresh upserts in place.
  key         TEXT UNIQUE,
  code        TEXT NOT NULL CHECK (code <> ''),
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('tỉnh', 'thành phố trung ương', 'thành phố', 'huyện', 'quận',
                                            'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu')),
  level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_id   INTEGER REFERENCES units (id),
  valid_from  TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  valid_to    TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  legal_basis TEXT,
  source      TEXT NOT NULL CHECK (source <> ''),
  sample      INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;

-- "Which unit had code X on date D": the chat layer's and the importers' most frequent lookup.
CREATE INDEX units_level_code_validity ON units (level, code, valid_from, valid_to);
CREATE INDEX units_code_validity ON units (code, valid_from, valid_to);
CREATE INDEX units_parent ON units (parent_id);

CREATE TRIGGER units_code_window_on_insert
BEFORE INSERT ON units
WHEN EXISTS (
  SELECT 1 FROM units u
  WHERE u.level = NEW.level AND u.code = NEW.code
    AND COALESCE(u.valid_from, '0000-01-01') <= COALESCE(NEW.valid_to, '9999-12-31')
    AND COALESCE(NEW.valid_from, '0000-01-01') <= COALESCE(u.valid_to, '9999-12-31')
)
BEGIN
  SELECT RAISE(ABORT, 'UNIT_CODE_OVERLAP: a unit of this level already has this code in an overlapping validity window');
END;

CREATE TRIGGER units_code_window_on_update
BEFORE UPDATE OF code, level, valid_from, valid_to ON units
WHEN EXISTS (
  SELECT 1 FROM units u
  WHERE u.id <> NEW.id AND u.level = NEW.level AND u.code = NEW.code
    AND COALESCE(u.valid_from, '0000-01-01') <= COALESCE(NEW.valid_to, '9999-12-31')
    AND COALESCE(NEW.valid_from, '0000-01-01') <= COALESCE(u.valid_to, '9999-12-31')
)
BEGIN
  SELECT RAISE(ABORT, 'UNIT_CODE_OVERLAP: a unit of this level already has this code in an overlapping validity window');
END;

-- Many-to-many: a merge is several 'full' rows into one successor, a split several 'partial' rows.
CREATE TABLE unit_lineage (
  id             INTEGER PRIMARY KEY,
  predecessor_id INTEGER NOT NULL REFERENCES units (id),
  successor_id   INTEGER NOT NULL REFERENCES units (id),
  kind           TEXT NOT NULL CHECK (kind IN ('full', 'partial')),
  effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  legal_basis    TEXT,
  source         TEXT NOT NULL CHECK (source <> ''),
  UNIQUE (predecessor_id, successor_id, effective_date),
  CHECK (predecessor_id <> successor_id)
) STRICT;

CREATE INDEX unit_lineage_successor ON unit_lineage (successor_id);
