-- Migration 0006: the ranking scope's index also holds each result's unit. A score card names the
-- units ranked beside its result (`published.forUnitWithPeers`, on every /diem message); with unit_id
-- in the index that reads the index alone, instead of one table row per peer, each row a page of its
-- own next to its kilobytes of frozen detail. The index otherwise serves the same queries as before.

DROP INDEX published_results_scope_year;

CREATE INDEX published_results_scope_year ON published_results (scope_unit_id, year, rank, unit_id);
