-- Migration 0009: a TTHC figure nobody published is unknown (NULL), never 0. Portals print "trước và
-- đúng hạn" as one figure (resolved_on_time then holds it and resolved_early is NULL), rarely what is
-- pending, and seldom the apology letters; a reminder must say "chưa công bố", not "0 thư xin lỗi".
-- Resolved on time and resolved late stay required: they are what every report gives. SQLite cannot
-- drop a NOT NULL, so the table is rebuilt (nothing references it).

CREATE TABLE tthc_stats_new (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES units (id),
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL,
  received         INTEGER CHECK (received IS NULL OR received >= 0),
  resolved_early   INTEGER CHECK (resolved_early IS NULL OR resolved_early >= 0),
  resolved_on_time INTEGER NOT NULL CHECK (resolved_on_time >= 0),
  resolved_late    INTEGER NOT NULL CHECK (resolved_late >= 0),
  pending_in_time  INTEGER CHECK (pending_in_time IS NULL OR pending_in_time >= 0),
  pending_overdue  INTEGER CHECK (pending_overdue IS NULL OR pending_overdue >= 0),
  apologies_sent   INTEGER CHECK (apologies_sent IS NULL OR apologies_sent >= 0),
  as_of            TEXT,
  source           TEXT NOT NULL CHECK (source <> ''),
  sample           INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  UNIQUE (unit_id, period_start, period_end),
  CHECK (period_start <= period_end)
) STRICT;

INSERT INTO tthc_stats_new (id, unit_id, period_start, period_end, received, resolved_early, resolved_on_time,
  resolved_late, pending_in_time, pending_overdue, apologies_sent, as_of, source, sample)
SELECT id, unit_id, period_start, period_end, received, resolved_early, resolved_on_time, resolved_late,
  pending_in_time, pending_overdue, apologies_sent, as_of, source, sample FROM tthc_stats;

DROP TABLE tthc_stats;
ALTER TABLE tthc_stats_new RENAME TO tthc_stats;
CREATE INDEX tthc_stats_unit_end ON tthc_stats (unit_id, period_end);

-- The demo's two portal figures (Bắc An to 02/12/2023, Tân Hồng to 22/09/2023) were stored with 0 for
-- what the portals do not print: received, early apart from on time, pending, apology letters.
UPDATE tthc_stats
SET received = NULL, resolved_early = NULL, pending_in_time = NULL, pending_overdue = NULL, apologies_sent = NULL,
  source = replace(replace(source, '; số thư xin lỗi không được công bố (ghi 0)', '; không công bố số tiếp nhận, đang giải quyết và thư xin lỗi'),
    'trễ hạn 0', 'trễ hạn 0; không công bố số tiếp nhận, đang giải quyết và thư xin lỗi')
WHERE sample = 0 AND source LIKE 'Trang thông tin điện tử xã %mục Kết quả giải quyết TTHC%(công bố gộp, ghi vào đúng hạn)%';
