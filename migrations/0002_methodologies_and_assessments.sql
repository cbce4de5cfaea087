-- Migration 0002: methodologies as versioned data, assessments with leaf scores, and the snapshot frozen
-- at publication. The snapshot copies every published figure (total, %, rank, group, rating, reasons),
-- so a later methodology change or re-computation never rewrites what was published.

CREATE TABLE methodologies (
  id            TEXT NOT NULL CHECK (id <> ''),
  version       TEXT NOT NULL CHECK (version <> ''),
  title         TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  province_code TEXT NOT NULL,
  year_from     INTEGER NOT NULL,
  year_to       INTEGER NOT NULL,
  -- The scoring core's JSON exactly as imported, and its SHA-256, so a version is immutable once stored.
  body          TEXT NOT NULL CHECK (json_valid(body)),
  checksum      TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source <> ''),
  created_at    TEXT NOT NULL,
  PRIMARY KEY (id, version),
  CHECK (year_from <= year_to)
) STRICT;

CREATE INDEX methodologies_applicability ON methodologies (province_code, level, year_from, year_to);

CREATE TABLE assessments (
  id                  INTEGER PRIMARY KEY,
  unit_id             INTEGER NOT NULL REFERENCES units (id),
  year                INTEGER NOT NULL,
  methodology_id      TEXT NOT NULL,
  methodology_version TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_on        TEXT,
  source              TEXT NOT NULL CHECK (source <> ''),
  sample              INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  FOREIGN KEY (methodology_id, methodology_version) REFERENCES methodologies (id, version),
  UNIQUE (unit_id, year),
  CHECK ((status = 'published') = (published_on IS NOT NULL))
) STRICT;

CREATE INDEX assessments_year_status ON assessments (year, status);

-- One row per leaf criterion. WITHOUT ROWID: the national-scale import writes millions of these.
CREATE TABLE assessment_scores (
  assessment_id   INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  criterion_code  TEXT NOT NULL,
  self_score      REAL,
  appraised_score REAL,
  survey_score    REAL,
  final_score     REAL,
  note            TEXT,
  evidence_url    TEXT,
  sample          INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  PRIMARY KEY (assessment_id, criterion_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE published_results (
  assessment_id       INTEGER PRIMARY KEY REFERENCES assessments (id),
  unit_id             INTEGER NOT NULL REFERENCES units (id),
  year                INTEGER NOT NULL,
  -- The ranking scope (a district for communes, a province for districts) and its size.
  scope_unit_id       INTEGER NOT NULL REFERENCES units (id),
  peer_count          INTEGER NOT NULL CHECK (peer_count > 0),
  methodology_id      TEXT NOT NULL,
  methodology_version TEXT NOT NULL,
  total               REAL NOT NULL,
  max_points          REAL NOT NULL CHECK (max_points > 0),
  pct                 REAL NOT NULL,
  rank                INTEGER CHECK (rank IS NULL OR rank >= 1),
  rank_change         INTEGER,
  points_change       REAL,
  group_code          TEXT,
  group_label         TEXT,
  rating_code         TEXT,
  rating_label        TEXT,
  reasons             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
  -- Per-criterion results as frozen at publication (JSON), so detail pages never recompute history.
  detail              TEXT CHECK (detail IS NULL OR json_valid(detail)),
  published_on        TEXT NOT NULL,
  source              TEXT NOT NULL CHECK (source <> ''),
  sample              INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  UNIQUE (unit_id, year)
) STRICT;

CREATE INDEX published_results_scope_year ON published_results (scope_unit_id, year, rank);
